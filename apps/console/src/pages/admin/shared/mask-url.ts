/**
 * A webhook URL as the pages show it: scheme, the host's last three labels and the last four
 * characters, e.g. `https://….webhook.office.com/…f3a9`. The path and query of a Teams, Slack or
 * webhook URL are its secret, so the full URL never reaches a page or its HTML.
 */
export function maskUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return `…${url.slice(-4)}`;
  }
  const labels = parsed.hostname.split('.');
  const isAddress = /^[\d.]+$/.test(parsed.hostname) || parsed.hostname.startsWith('[');
  const port = parsed.port ? `:${parsed.port}` : '';
  const host = isAddress || labels.length <= 3 ? parsed.host : `….${labels.slice(-3).join('.')}${port}`;
  const rest = `${parsed.pathname}${parsed.search}`.replace(/^\//, '');
  const tail = rest.length > 8 ? `…${rest.slice(-4)}` : rest ? '…' : '';
  return `${parsed.protocol}//${host}/${tail}`;
}

/** Masks every URL inside a free text (an attempt's error detail may quote its target). */
export function maskUrlsIn(text: string | null | undefined): string | null {
  if (!text) return text ?? null;
  return text.replace(/https?:\/\/[^\s"'<>]+/g, (url) => maskUrl(url) ?? '');
}

/** A delivery or endpoint target: email addresses as they are, URLs masked. */
export function maskTarget(channel: string, target: string | null | undefined): string | null {
  if (!target) return null;
  return channel === 'email' ? target : maskUrl(target);
}
