import { stringify } from 'yaml';
import { schemaPath } from '../cloudevents';
import { asyncApiDocument } from './asyncapi';
import { eventVersions, payloadJsonSchema } from './event-schemas';
import { eventsHtml } from './events-html';

/**
 * Every file `npm run docs` writes under docs/, path → content. The test compares these with the
 * committed files, and the services serve the same content, so the three never disagree.
 */
export function generatedDocs(): Record<string, string> {
  const document = asyncApiDocument();
  const files: Record<string, string> = {
    'asyncapi.yaml': stringify(document, { lineWidth: 0 }),
    'events.html': eventsHtml(document, 'schemas/'),
  };
  for (const { type, version, schema } of eventVersions()) {
    files[schemaPath(type, version).slice(1)] = `${JSON.stringify(payloadJsonSchema(type, version, schema), null, 2)}\n`;
  }
  return files;
}
