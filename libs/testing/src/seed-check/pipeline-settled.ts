import { Client } from 'pg';
import { physicalTopic, TOPICS } from '@pejling/contracts';
import { testKafka } from '../kafka-probe';

/**
 * Waits until the pipeline has nothing left to do: indicators and goals have consumed every
 * message, no outbox holds an unsent row and no benchmark waits to be recomputed, in two
 * observations in a row (a quiet moment between two hops is not the end).
 */
export async function waitForPipelineToSettle(databaseUrl: string, topicPrefix: string, timeoutMs: number): Promise<void> {
  const admin = testKafka().admin();
  await admin.connect();
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  const published = async (topic: string) =>
    (await admin.fetchTopicOffsets(topic)).reduce((sum, partition) => sum + Number(partition.high), 0);
  const committed = async (group: string, topic: string) =>
    (await admin.fetchOffsets({ groupId: group, topics: [topic] }))[0].partitions.reduce(
      (sum, partition) => sum + Math.max(0, Number(partition.offset)),
      0,
    );
  const lag = async (group: string, topic: string) => (await published(topic)) - (await committed(group, topic));
  const figures = physicalTopic(TOPICS.figures, topicPrefix);
  const indicators = physicalTopic(TOPICS.indicators, topicPrefix);
  const plans = physicalTopic(TOPICS.plans, topicPrefix);
  // Consumer groups carry the topic prefix (libs/platform/src/bootstrap.ts), so test worlds never share one.
  const group = (service: string) => `${topicPrefix}pejling-${service}`;
  const busy = async (): Promise<boolean> => {
    try {
      if ((await lag(group('indicators'), figures)) + (await lag(group('indicators'), plans)) + (await lag(group('goals'), indicators)) > 0)
        return true;
      const [row] = (
        await db.query(`SELECT EXISTS (SELECT 1 FROM ingest.outbox WHERE published_at IS NULL) OR EXISTS (SELECT 1 FROM indicators.outbox WHERE published_at IS NULL)
                            OR EXISTS (SELECT 1 FROM goals.outbox WHERE published_at IS NULL) OR EXISTS (SELECT 1 FROM indicators.benchmark_queue) AS busy`)
      ).rows;
      return row.busy === true;
    } catch {
      return true; // a topic or table not there yet
    }
  };
  try {
    const deadline = Date.now() + timeoutMs;
    for (let quiet = 0; quiet < 2; await new Promise((resolve) => setTimeout(resolve, 300))) {
      quiet = (await busy()) ? 0 : quiet + 1;
      if (Date.now() > deadline) throw new Error(`the pipeline did not settle within ${timeoutMs} ms`);
    }
  } finally {
    await admin.disconnect();
    await db.end();
  }
}
