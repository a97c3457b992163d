import { v7 as uuidv7 } from 'uuid';
import { z } from 'zod';
import { municipalityCode } from './events/common';
import { currentVersion, EVENT_TYPES, EventPayload, EventType, isEventType } from './registry';

/**
 * The envelope every Pejling event travels in (CloudEvents-like attributes). `id` is the
 * idempotency key consumers store; `municipality` is also the Kafka message key.
 */
export const envelopeSchema = z.object({
  id: z.string().uuid(),
  type: z.string().min(1),
  version: z.number().int().min(1),
  source: z.string().min(1),
  time: z.string().datetime({ offset: true }),
  municipality: municipalityCode,
  correlationId: z.string().min(1).optional(),
  payload: z.unknown(),
});

/** One envelope type per event type; `EventEnvelope` alone is the union of them all. */
export type EventEnvelope<T extends EventType = EventType> = T extends EventType
  ? {
      id: string;
      type: T;
      version: number;
      source: string;
      time: string;
      municipality: string;
      correlationId?: string;
      payload: EventPayload<T>;
    }
  : never;

export interface NewEventOptions {
  source: string;
  municipality: string;
  correlationId?: string;
  id?: string;
  time?: Date;
}

/** Builds an envelope and validates the payload, so a producer cannot emit what consumers would reject. */
export function createEvent<T extends EventType>(type: T, payload: EventPayload<T>, options: NewEventOptions): EventEnvelope<T> {
  const version = currentVersion(type);
  const envelope = {
    // Time-ordered (UUIDv7): the outbox's and every consumer's processed-event index grow at the end
    // instead of at random pages, which a backfill of 300.000 events feels.
    id: options.id ?? uuidv7(),
    type,
    version,
    source: options.source,
    time: (options.time ?? new Date()).toISOString(),
    municipality: options.municipality,
    ...(options.correlationId ? { correlationId: options.correlationId } : {}),
    payload,
  };
  const parsed = parseEvent(envelope);
  if (!parsed.ok) throw new Error(`Refusing to create an invalid ${type} event: ${parsed.reason}`);
  return parsed.event as EventEnvelope<T>;
}

export type ParseResult = { ok: true; event: EventEnvelope } | { ok: false; reason: string };

/** Validates an envelope and its payload against the schema of its type and version. */
export function parseEvent(raw: unknown): ParseResult {
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) return { ok: false, reason: `invalid envelope: ${describeIssues(envelope.error)}` };
  const { type, version } = envelope.data;
  if (!isEventType(type)) return { ok: false, reason: `unknown event type '${type}'` };
  const versions = EVENT_TYPES[type].versions as Record<number, z.ZodType>;
  const schema = versions[version];
  if (!schema) return { ok: false, reason: `unsupported version ${version} of '${type}'` };
  const payload = schema.safeParse(envelope.data.payload);
  if (!payload.success) return { ok: false, reason: `invalid ${type} v${version} payload: ${describeIssues(payload.error)}` };
  // Older versions are upcast, so handlers see the current shape; `version` keeps what was on the wire.
  const upcasters = EVENT_TYPES[type].upcast as Record<number, (payload: unknown) => unknown>;
  const current = upcasters[version] ? upcasters[version](payload.data) : payload.data;
  return { ok: true, event: { ...envelope.data, type, payload: current } as EventEnvelope };
}

/** Parses the bytes of a Kafka message value. */
export function decodeEvent(value: Buffer | string | null): ParseResult {
  if (value === null) return { ok: false, reason: 'empty message value' };
  let json: unknown;
  try {
    json = JSON.parse(value.toString());
  } catch (error) {
    return { ok: false, reason: `value is not JSON: ${(error as Error).message}` };
  }
  return parseEvent(json);
}

export function describeIssues(error: z.ZodError): string {
  return error.issues.map((issue) => `${issue.path.join('.') || '(root)'}: ${issue.message}`).join('; ');
}
