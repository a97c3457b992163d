import { EntityManager } from 'typeorm';
import { EventEnvelope, physicalTopic, topicOf } from '@pejling/contracts';

/**
 * Appends events to the service's outbox inside the caller's transaction: the state change and
 * the events it causes commit together or not at all. One statement per batch, however large,
 * with the rows as one JSON document: escaping thousands of envelopes into array literals costs
 * more than the insert itself.
 */
export async function appendToOutbox(manager: EntityManager, events: readonly EventEnvelope[], topicPrefix: string): Promise<void> {
  if (events.length === 0) return;
  const rows = events.map((event) => ({ id: event.id, topic: physicalTopic(topicOf(event.type), topicPrefix), key: event.municipality, type: event.type, envelope: event }));
  await manager.query(
    `INSERT INTO outbox (id, topic, key, type, envelope)
     SELECT r.id, r.topic, r.key, r.type, r.envelope
       FROM ROWS FROM (jsonb_to_recordset($1::jsonb) AS (id uuid, topic text, key text, type text, envelope jsonb)) WITH ORDINALITY AS r(id, topic, key, type, envelope, position)
      ORDER BY r.position`,
    [JSON.stringify(rows)],
  );
}
