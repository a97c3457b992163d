import { dataSchemaUri, EVENT_SUBJECT_FIELDS, EventType } from '@pejling/contracts';
import { StoredEvent } from './public-events.repository';

/**
 * The CloudEvents 1.0 HTTP protocol binding, binary mode: the attributes travel as `ce-*` headers
 * and the body is the event's payload as JSON. The attributes are the ones the event has on Kafka
 * (same source, subject, schema URI and extensions), so one decoder serves both bindings. `ce-id` is
 * the Pejling event id: the same on every delivery and replay of the event.
 */
export function cloudEventHeaders(event: StoredEvent, schemaBaseUrl: string): Record<string, string> {
  const subject = subjectOf(event);
  return {
    'ce-specversion': '1.0',
    'ce-id': event.id,
    'ce-source': event.source,
    'ce-type': event.type,
    'ce-time': event.time.toISOString(),
    ...(subject ? { 'ce-subject': subject } : {}),
    'ce-dataschema': dataSchemaUri(event.type, event.version, schemaBaseUrl),
    // Extension attributes (lower-case letters and digits only, as the spec requires).
    'ce-municipality': event.municipality,
    'ce-dataversion': String(event.version),
    'content-type': 'application/json',
  };
}

function subjectOf(event: StoredEvent): string | undefined {
  const field = EVENT_SUBJECT_FIELDS[event.type as EventType];
  const value = field ? (event.payload as Record<string, unknown> | null)?.[field] : undefined;
  return typeof value === 'string' ? value : undefined;
}
