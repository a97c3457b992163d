import { Client } from 'pg';
import { physicalTopic, TOPICS } from '@pejling/contracts';
import { testKafka, waitUntil } from './kafka-probe';

/**
 * One thing that must have finished: a consumer group (its id after the world's topic prefix, e.g.
 * `pejling-goals`), a service's outbox, or a table (`schema.table`) that must hold no row (matching
 * `where`): a work queue, unfinished deliveries.
 */
export type IdleStep = { group: string; consumes: string[] } | { outbox: string } | { table: string; where?: string };

/** When each service has nothing left to do on its own, in the order to check it. */
export const IDLE = {
  ingest: [{ outbox: 'ingest' }],
  indicators: [
    { group: 'pejling-indicators', consumes: [TOPICS.figures, TOPICS.plans] },
    { table: 'indicators.benchmark_queue' },
    { outbox: 'indicators' },
  ],
  goals: [{ group: 'pejling-goals', consumes: [TOPICS.indicators] }, { outbox: 'goals' }],
  // Every alert consumed, every delivery finished (sent, dead or skipped: a grouped one waits for its window), every event published.
  notifications: [
    { group: 'pejling-notifications', consumes: [TOPICS.ownersInternal, TOPICS.goalTransitions, TOPICS.dataQuality, TOPICS.ingestRuns] },
    { table: 'notifications.deliveries', where: "status IN ('grouping', 'pending', 'sending', 'retrying')" },
    { outbox: 'notifications' },
  ],
} satisfies Record<string, IdleStep[]>;

/** The whole pipeline, upstream first: figures in, indicators, goals, notifications out. */
export const PIPELINE_IDLE: IdleStep[] = [...IDLE.ingest, ...IDLE.indicators, ...IDLE.goals, ...IDLE.notifications];

/**
 * Waits until every step holds in one sweep, in the order given: a consumer group has committed
 * every message of its topics (the transport commits a message's offset only after its handler's
 * transaction, so everything published so far has been handled), and an outbox holds no unsent
 * row (everything written has been published), and a work queue is empty. Checking a consumer before its own outbox counts
 * the rows its last message wrote. This is the positive marker for "nothing more happens"
 * assertions, in place of a pause that hopes to be long enough.
 */
export async function waitUntilIdle(
  world: { databaseUrl: string; topicPrefix: string },
  steps: IdleStep[],
  timeoutMs = 20_000,
): Promise<void> {
  const admin = testKafka().admin();
  await admin.connect();
  const db = new Client({ connectionString: world.databaseUrl });
  await db.connect();
  const offsets = (partitions: { offset: string }[]) =>
    partitions.reduce((sum, partition) => sum + Math.max(0, Number(partition.offset)), 0);
  // What keeps a step busy, or undefined when it is done.
  const pending = async (step: IdleStep): Promise<string | undefined> => {
    if ('table' in step) {
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${step.table} WHERE ${step.where ?? 'true'}`);
      return rows[0].n > 0 ? `${step.table} holds ${rows[0].n} rows${step.where ? ` where ${step.where}` : ''}` : undefined;
    }
    if ('outbox' in step) {
      const { rows } = await db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${step.outbox}.outbox WHERE published_at IS NULL`);
      return rows[0].n > 0 ? `${step.outbox}'s outbox holds ${rows[0].n} unsent rows` : undefined;
    }
    // Consumer groups carry the topic prefix (libs/platform/src/bootstrap.ts), so test worlds never share one.
    const groupId = `${world.topicPrefix}${step.group}`;
    for (const topic of step.consumes.map((name) => physicalTopic(name, world.topicPrefix))) {
      const end = offsets((await admin.fetchTopicOffsets(topic)).map((partition) => ({ offset: partition.high })));
      const [committed] = await admin.fetchOffsets({ groupId, topics: [topic] });
      const done = offsets(committed.partitions);
      if (done < end) return `${groupId} has committed ${done} of ${end} messages on ${topic}`;
    }
    return undefined;
  };
  let busy: string | undefined;
  const idle = async () => {
    for (const step of steps) {
      busy = await pending(step).catch((error: Error) => `not readable yet (${error.message})`);
      if (busy) return false;
    }
    return true;
  };
  try {
    await waitUntil(idle, timeoutMs, () => `the services to be idle (${busy})`);
  } finally {
    await admin.disconnect();
    await db.end();
  }
}
