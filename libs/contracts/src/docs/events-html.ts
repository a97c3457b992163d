import { JsonSchema } from './event-schemas';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escape = (text: unknown): string => String(text).replace(/[&<>"']/g, (c) => ENTITIES[c] ?? c);

interface Channel {
  address: string;
  description: string;
  'x-pejling-visibility': string;
  messages: Record<string, { $ref: string }>;
}

interface Message {
  name: string;
  title: string;
  summary: string;
  headers: { properties: Record<string, { description: string }>; required: string[] };
  payload: JsonSchema & { properties?: Record<string, unknown>; required?: string[] };
  'x-pejling-version': number;
  'x-pejling-current': boolean;
}

/**
 * A static, self-contained page rendered from the AsyncAPI document (no generator, no browser):
 * channels with their visibility, the messages per type and version, the key, the headers and
 * links to each payload's JSON Schema. `schemaHref` is where the page finds `schemas/` (relative
 * in docs/, absolute when a service serves it).
 */
export function eventsHtml(document: JsonSchema, schemaHref: string): string {
  const info = document.info as { title: string; version: string; description: string };
  const channels = document.channels as Record<string, Channel>;
  const messages = (document.components as { messages: Record<string, Message> }).messages;
  const sections = Object.values(channels).map((channel) => {
    const rows = Object.keys(channel.messages).map((id) => {
      const message = messages[id];
      const version = message['x-pejling-version'];
      const fields = Object.keys(message.payload.properties ?? {})
        .map((field) => `<code>${escape(field)}</code>${(message.payload.required ?? []).includes(field) ? '' : '?'}`)
        .join(', ');
      return `<tr><td><code>${escape(message.name)}</code></td><td>v${version}${message['x-pejling-current'] ? ' <strong>current</strong>' : ''}</td><td><a href="${escape(`${schemaHref}${message.name}/v${version}.json`)}">v${version}.json</a></td><td>${fields}</td></tr>`;
    });
    return `<section id="${escape(channel.address)}">
<h2><code>${escape(channel.address)}</code> <span class="${escape(channel['x-pejling-visibility'])}">${escape(channel['x-pejling-visibility'])}</span></h2>
<p>${escape(channel.description)}</p>
<p>Key: the municipality code (<code>000</code>: the whole country). Dead letters: <code>${escape(channel.address)}.dlt</code> (internal).</p>
<table><thead><tr><th>type</th><th>version</th><th>schema</th><th>payload fields (? optional)</th></tr></thead><tbody>
${rows.join('\n')}
</tbody></table>
</section>`;
  });
  const anyMessage = Object.values(messages)[0];
  const headerRows = Object.entries(anyMessage.headers.properties)
    .map(
      ([name, header]) =>
        `<tr><td><code>${escape(name)}</code></td><td>${anyMessage.headers.required.includes(name) ? 'yes' : 'no'}</td><td>${escape(header.description)}</td></tr>`,
    )
    .join('\n');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escape(info.title)} ${escape(info.version)}</title>
<style>
body { font-family: system-ui, sans-serif; max-width: 72rem; margin: 2rem auto; padding: 0 1rem; line-height: 1.4; }
table { border-collapse: collapse; width: 100%; margin-bottom: 1rem; }
th, td { border: 1px solid #ccc; padding: .3rem .5rem; text-align: left; vertical-align: top; }
.public { background: #dff5e1; padding: 0 .4rem; font-size: .8em; }
.internal { background: #fde2e2; padding: 0 .4rem; font-size: .8em; }
</style>
</head>
<body>
<h1>${escape(info.title)} ${escape(info.version)}</h1>
<p>${escape(info.description)}</p>
<p>The machine-readable document: <a href="asyncapi.yaml">asyncapi.yaml</a> (AsyncAPI 3.0).</p>
<h2>Headers (every message)</h2>
<table><thead><tr><th>header</th><th>always</th><th>meaning</th></tr></thead><tbody>
${headerRows}
</tbody></table>
<h2>Topics</h2>
<ul>${Object.values(channels)
    .map(
      (channel) =>
        `<li><a href="#${escape(channel.address)}"><code>${escape(channel.address)}</code></a> (${escape(channel['x-pejling-visibility'])})</li>`,
    )
    .join('')}</ul>
${sections.join('\n')}
</body>
</html>
`;
}
