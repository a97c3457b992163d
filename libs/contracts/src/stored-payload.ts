import { z } from 'zod';
import { describeIssues, envelopeSchema, EventEnvelope, ParseResult } from './envelope';
import { EVENT_TYPES, EventPayload, EventType, isEventType } from './registry';

export type StoredPayloadResult<T extends EventType> = { ok: true; payload: EventPayload<T> } | { ok: false; reason: string };

/**
 * Reads back an event payload a service stored without its version (e.g. notifications'
 * `alerts.payload`, kept as handlers saw it: the current shape when it was stored). The newest
 * version whose schema accepts it wins and is upcast to today's shape, so rows stored before a
 * version bump still read; a payload no version accepts is refused with the current schema's issues.
 */
export function parseStoredPayload<T extends EventType>(type: T, payload: unknown): StoredPayloadResult<T> {
  const definition = EVENT_TYPES[type];
  const versions = definition.versions as Record<number, z.ZodType>;
  const upcasters = definition.upcast as Record<number, (payload: unknown) => unknown>;
  const newestFirst = Object.keys(versions)
    .map(Number)
    .sort((a, b) => b - a);
  for (const version of newestFirst) {
    const parsed = versions[version].safeParse(payload);
    if (parsed.success)
      return { ok: true, payload: (upcasters[version] ? upcasters[version](parsed.data) : parsed.data) as EventPayload<T> };
  }
  // No version accepted it: the current schema's issues say what is wrong.
  const current = versions[definition.current].safeParse(payload);
  return { ok: false, reason: current.error ? describeIssues(current.error) : 'no version accepts it' };
}

/**
 * Reads back a whole event a service stored as it handled it: the envelope as received (`version`
 * keeps what was on the wire) with its payload already in the shape of its time, so the payload
 * is read as parseStoredPayload does rather than against the wire version's schema.
 */
export function parseStoredEvent(raw: unknown): ParseResult {
  const envelope = envelopeSchema.safeParse(raw);
  if (!envelope.success) return { ok: false, reason: `invalid envelope: ${describeIssues(envelope.error)}` };
  const { type } = envelope.data;
  if (!isEventType(type)) return { ok: false, reason: `unknown event type '${type}'` };
  const payload = parseStoredPayload(type, envelope.data.payload);
  if (!payload.ok) return { ok: false, reason: `invalid ${type} payload: ${payload.reason}` };
  return { ok: true, event: { ...envelope.data, type, payload: payload.payload } as EventEnvelope };
}
