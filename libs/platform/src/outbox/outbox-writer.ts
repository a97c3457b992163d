import { EntityManager } from 'typeorm';
import { EventEnvelope, physicalTopic, topicOf } from '@pejling/contracts';

/**
 * Appends events to the service's outbox inside the caller's transaction: the state change and
 * the events it causes commit together or not at all. One statement per batch, however large.
 */
export async function appendToOutbox(manager: EntityManager, events: readonly EventEnvelope[], topicPrefix: string): Promise<void> {
  if (events.length === 0) return;
  await manager.query(
    `INSERT INTO outbox (id, topic, key, type, envelope)
     SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::jsonb[])`,
    [
      events.map((event) => event.id),
      events.map((event) => physicalTopic(topicOf(event.type), topicPrefix)),
      events.map((event) => event.municipality),
      events.map((event) => event.type),
      events.map((event) => JSON.stringify(event)),
    ],
  );
}
