import { decodeEvent, EventEnvelope, parseEvent, ParseResult } from './envelope';
import { EventType, isEventType } from './registry';

/**
 * CloudEvents 1.0 on Kafka, binary content mode (the Kafka protocol binding): the attributes travel
 * as `ce_*` headers, the value is the payload alone, the key stays the municipality code. Pejling's
 * own attributes are extensions (lowercase, as the spec requires): `municipality`, `correlationid`
 * and `dataversion` (the payload's schema version, also named by `dataschema`).
 */
export const CLOUDEVENTS_HEADERS = {
  specversion: 'ce_specversion',
  id: 'ce_id',
  source: 'ce_source',
  type: 'ce_type',
  time: 'ce_time',
  subject: 'ce_subject',
  dataschema: 'ce_dataschema',
  municipality: 'ce_municipality',
  correlationid: 'ce_correlationid',
  dataversion: 'ce_dataversion',
  contentType: 'content-type',
} as const;

/** How producers write events: CloudEvents binary mode, or the JSON envelope of before (kept during a rolling upgrade). */
export const EVENT_FORMATS = ['cloudevents', 'envelope'] as const;
export type EventFormat = (typeof EVENT_FORMATS)[number];

/** The payload field that names what an event is about (`subject`): the goal, figure, delivery, ... */
export const EVENT_SUBJECT_FIELDS: Record<EventType, string> = {
  'figure.recorded': 'figureId',
  'figure.flagged': 'flagId',
  'pull.failed': 'pullId',
  'pull.completed': 'pullId',
  'indicator.computed': 'indicatorId',
  'goal.evaluated': 'goalId',
  'goal.breached': 'goalId',
  'goal.recovered': 'goalId',
  'goal.at-risk': 'goalId',
  'goal.stale': 'goalId',
  'goal.corrected': 'goalId',
  'plan.clusters-declared': 'planId',
  'notification.delivery-failed': 'deliveryId',
  'notification.endpoint-disabled': 'endpointKey',
  'notification.episode-acknowledged': 'episodeId',
  'notification.subscription-disabled': 'subscriptionId',
  'owner.contacts-changed': 'ownerId',
};

/** The path of a payload version's JSON Schema, as published (`docs/schemas/...` and `/schemas/...` on every service). */
export function schemaPath(type: string, version: number): string {
  return `/schemas/${type}/v${version}.json`;
}

/** `dataschema`: the schema's path under a base URL (CloudEvents wants an absolute URI there). */
export function dataSchemaUri(type: string, version: number, base: string): string {
  return `${base.replace(/\/+$/, '')}${schemaPath(type, version)}`;
}

export interface KafkaRecord {
  key: string;
  value: string;
  headers: Record<string, string>;
}

/** The attributes of one outgoing event, as the outbox relay reads them (payload already JSON text). */
export interface OutgoingEvent {
  id: string;
  type: string;
  version: number;
  source: string;
  time: string;
  municipality: string;
  correlationId?: string | null;
  subject?: string | null;
  payloadJson: string;
  /** The whole envelope as JSON text, for the `envelope` format. */
  envelopeJson: string;
}

/** The Kafka record of an event in the chosen format. */
export function toKafkaRecord(event: OutgoingEvent, format: EventFormat, schemaBase: string): KafkaRecord {
  if (format === 'envelope') {
    return {
      key: event.municipality,
      value: event.envelopeJson,
      headers: { ce_id: event.id, ce_type: event.type, 'content-type': 'application/json' },
    };
  }
  const headers: Record<string, string> = {
    [CLOUDEVENTS_HEADERS.specversion]: '1.0',
    [CLOUDEVENTS_HEADERS.id]: event.id,
    [CLOUDEVENTS_HEADERS.source]: event.source,
    [CLOUDEVENTS_HEADERS.type]: event.type,
    [CLOUDEVENTS_HEADERS.time]: event.time,
    [CLOUDEVENTS_HEADERS.dataschema]: dataSchemaUri(event.type, event.version, schemaBase),
    [CLOUDEVENTS_HEADERS.contentType]: 'application/json',
    [CLOUDEVENTS_HEADERS.municipality]: event.municipality,
    [CLOUDEVENTS_HEADERS.dataversion]: String(event.version),
  };
  if (event.subject) headers[CLOUDEVENTS_HEADERS.subject] = event.subject;
  if (event.correlationId) headers[CLOUDEVENTS_HEADERS.correlationid] = event.correlationId;
  return { key: event.municipality, value: event.payloadJson, headers };
}

/** An envelope as a Kafka record (producers that hold the event in memory, e.g. tests and tools). */
export function envelopeToKafkaRecord(event: EventEnvelope, format: EventFormat, schemaBase: string): KafkaRecord {
  const field = isEventType(event.type) ? EVENT_SUBJECT_FIELDS[event.type] : undefined;
  const subject = field ? (event.payload as Record<string, unknown>)[field] : undefined;
  return toKafkaRecord(
    {
      id: event.id,
      type: event.type,
      version: event.version,
      source: event.source,
      time: event.time,
      municipality: event.municipality,
      correlationId: event.correlationId,
      subject: typeof subject === 'string' ? subject : null,
      payloadJson: JSON.stringify(event.payload),
      envelopeJson: JSON.stringify(event),
    },
    format,
    schemaBase,
  );
}

type HeaderValue = Buffer | string | (Buffer | string)[] | undefined;

function header(headers: Record<string, HeaderValue> | undefined, name: string): string | undefined {
  const value = headers?.[name];
  if (value === undefined) return undefined;
  const first = Array.isArray(value) ? value[0] : value;
  return first === undefined ? undefined : first.toString();
}

/**
 * Decodes a Kafka message in either format: a binary CloudEvent (recognised by `ce_specversion`)
 * or the JSON envelope of before. Anything else fails with a reason, and the consumer dead-letters it.
 */
export function decodeKafkaMessage(value: Buffer | string | null, headers?: Record<string, HeaderValue>): ParseResult {
  const specversion = header(headers, CLOUDEVENTS_HEADERS.specversion);
  if (specversion === undefined) return decodeEvent(value);
  if (specversion !== '1.0') return { ok: false, reason: `unsupported CloudEvents specversion '${specversion}'` };
  const contentType = header(headers, CLOUDEVENTS_HEADERS.contentType);
  if (contentType !== undefined && !/^application\/json\b/.test(contentType))
    return { ok: false, reason: `unsupported content-type '${contentType}'` };
  if (value === null) return { ok: false, reason: 'empty message value' };
  let payload: unknown;
  try {
    payload = JSON.parse(value.toString());
  } catch (error) {
    return { ok: false, reason: `value is not JSON: ${(error as Error).message}` };
  }
  const version = Number(
    header(headers, CLOUDEVENTS_HEADERS.dataversion) ?? versionFromDataSchema(header(headers, CLOUDEVENTS_HEADERS.dataschema)),
  );
  const correlationId = header(headers, CLOUDEVENTS_HEADERS.correlationid);
  return parseEvent({
    id: header(headers, CLOUDEVENTS_HEADERS.id),
    type: header(headers, CLOUDEVENTS_HEADERS.type),
    version: Number.isFinite(version) ? version : undefined,
    source: header(headers, CLOUDEVENTS_HEADERS.source),
    time: header(headers, CLOUDEVENTS_HEADERS.time),
    municipality: header(headers, CLOUDEVENTS_HEADERS.municipality),
    ...(correlationId ? { correlationId } : {}),
    payload,
  });
}

function versionFromDataSchema(dataschema: string | undefined): number {
  const match = dataschema?.match(/\/v(\d+)\.json$/);
  return match ? Number(match[1]) : NaN;
}
