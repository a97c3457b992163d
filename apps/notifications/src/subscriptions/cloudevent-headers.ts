import { StoredEvent } from './public-events.repository';

/**
 * The CloudEvents 1.0 HTTP protocol binding, binary mode: the attributes travel as `ce-*` headers
 * and the body is the event's payload as JSON. `ce-id` is the Pejling event id (the same on every
 * delivery and replay of the event), `ce-dataschema` names the payload schema's type and version.
 */
export function cloudEventHeaders(event: StoredEvent): Record<string, string> {
  return {
    'ce-specversion': '1.0',
    'ce-id': event.id,
    'ce-source': `/${event.source.replace(/^\/+/, '')}`,
    'ce-type': event.type,
    'ce-time': event.time.toISOString(),
    'ce-subject': subjectOf(event),
    'ce-dataschema': `urn:pejling:schema:${event.type}:v${event.version}`,
    // Extension attribute (lower-case letters and digits only, as the spec requires).
    'ce-municipality': event.municipality,
    'content-type': 'application/json',
  };
}

/** What the event is about: the goal, the delivery, the episode or the subscription, else the municipality. */
function subjectOf(event: StoredEvent): string {
  const payload = event.payload as Record<string, unknown>;
  for (const [field, prefix] of [
    ['goalId', 'goals'],
    ['episodeId', 'episodes'],
    ['deliveryId', 'deliveries'],
    ['subscriptionId', 'subscriptions'],
    ['flagId', 'quality-flags'],
    ['pullId', 'pulls'],
  ] as const) {
    if (typeof payload?.[field] === 'string') return `${prefix}/${payload[field]}`;
  }
  return `municipalities/${event.municipality}`;
}
