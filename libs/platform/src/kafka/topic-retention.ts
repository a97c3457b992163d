import { type ConfigDescription, ConfigResourceTypes } from '@platformatic/kafka';
import type { TopicRetention } from '../retention/processed-events-cutoff';
import { createAdmin, KafkaConnection } from './kafka-client';

const RETENTION_KEYS = ['retention.ms', 'segment.ms', 'cleanup.policy'];

/**
 * Reads the retention the broker applies to topics (their own settings, or the broker's defaults
 * where a topic has none): the one place that knows how long a message may be handed out again.
 */
export class TopicRetentionReader {
  constructor(private readonly connection: KafkaConnection) {}

  /** The retention of those of `topics` that exist and answer with all three settings; any other is missing from the map. */
  async read(topics: readonly string[]): Promise<Map<string, TopicRetention>> {
    const admin = createAdmin(this.connection);
    try {
      // Describing a topic that does not exist fails the whole request: ask only for those that do.
      const existing = new Set(await admin.listTopics());
      const present = [...new Set(topics)].filter((topic) => existing.has(topic));
      if (present.length === 0) return new Map();
      const described = await admin.describeConfigs({
        resources: present.map((topic) => ({
          resourceType: ConfigResourceTypes.TOPIC,
          resourceName: topic,
          configurationKeys: RETENTION_KEYS,
        })),
      });
      const retention = new Map<string, TopicRetention>();
      for (const { resourceName, configs } of described) {
        const parsed = parseRetention(configs);
        if (parsed) retention.set(resourceName, parsed);
      }
      return retention;
    } finally {
      await admin.close().catch(() => undefined);
    }
  }
}

function parseRetention(configs: ConfigDescription['configs']): TopicRetention | undefined {
  const value = (name: string) => configs.find((config) => config.name === name)?.value ?? undefined;
  const retentionMs = Number(value('retention.ms'));
  const segmentMs = Number(value('segment.ms'));
  const policy = value('cleanup.policy');
  if (!Number.isFinite(retentionMs) || !Number.isFinite(segmentMs) || policy === undefined) return undefined;
  return { retentionMs, segmentMs, compacted: policy.split(',').some((part) => part.trim() === 'compact') };
}
