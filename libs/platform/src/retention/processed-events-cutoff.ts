import { deadLetterTopic, EVENT_TYPES, EventType, physicalTopic } from '@pejling/contracts';

/** The settings of a topic that bound how long the broker keeps its messages, and so may hand one out again. */
export interface TopicRetention {
  /** `retention.ms`; -1 keeps messages for ever. */
  retentionMs: number;
  /** `segment.ms`: the broker deletes whole segments, and rolls a segment at the latest this long after its first message. */
  segmentMs: number;
  /** `cleanup.policy` includes `compact`: the newest message of each key stays for ever. */
  compacted: boolean;
}

/**
 * The longest time after a message was appended that the broker may still hand it out: its
 * retention plus one segment (a message waits in its segment until the newest one in it expires).
 * Null when that is for ever or not known: infinite retention, compaction, a topic that could not be read.
 */
export function redeliveryWindowMs(topic: TopicRetention | undefined): number | null {
  if (!topic || topic.compacted || topic.retentionMs < 0) return null;
  return topic.retentionMs + Math.max(topic.segmentMs, 0);
}

/**
 * The `processed_at` before which the ids of events read from these topics can go: an event is
 * processed after it was appended, so once the longest redelivery window and the margin have passed
 * since, no broker hands it out again and its id guards nothing. Null: keep them all.
 */
export function processedEventsCutoff(now: Date, topics: readonly (TopicRetention | undefined)[], marginMs: number): Date | null {
  if (topics.length === 0) return null;
  let longest = 0;
  for (const topic of topics) {
    const window = redeliveryWindowMs(topic);
    if (window === null) return null;
    longest = Math.max(longest, window);
  }
  // Nothing was processed before 1970: a window that long (retention.ms near Long.MAX) keeps everything.
  if (longest + marginMs >= now.getTime()) return null;
  return new Date(now.getTime() - longest - marginMs);
}

/** The ids of these event types (all from one topic) processed before `before` may be deleted. */
export interface ProcessedEventsPrune {
  topic: string;
  eventTypes: EventType[];
  before: Date;
}

/**
 * Per topic of the contracts: whether the ids of its event types may be pruned, and from when. A
 * topic's dead-letter topic counts as well, since replaying a parked message delivers it again.
 * `keep` names the topics whose ids stay (infinite retention, compaction, not found on the broker).
 */
export function processedEventsPrunes(
  now: Date,
  retentionOf: (physical: string) => TopicRetention | undefined,
  options: { topicPrefix: string; marginMs: number },
): { prune: ProcessedEventsPrune[]; keep: string[] } {
  const prune: ProcessedEventsPrune[] = [];
  const keep: string[] = [];
  for (const [topic, eventTypes] of eventTypesByTopic()) {
    const physical = physicalTopic(topic, options.topicPrefix);
    const before = processedEventsCutoff(now, [retentionOf(physical), retentionOf(deadLetterTopic(physical))], options.marginMs);
    if (before) prune.push({ topic, eventTypes, before });
    else keep.push(topic);
  }
  return { prune, keep };
}

/** Every physical topic (and dead-letter topic) whose retention `processedEventsPrunes` asks for. */
export function retentionTopics(topicPrefix: string): string[] {
  return [...eventTypesByTopic().keys()].flatMap((topic) => {
    const physical = physicalTopic(topic, topicPrefix);
    return [physical, deadLetterTopic(physical)];
  });
}

function eventTypesByTopic(): Map<string, EventType[]> {
  const byTopic = new Map<string, EventType[]>();
  for (const type of Object.keys(EVENT_TYPES) as EventType[]) {
    const topic = EVENT_TYPES[type].topic;
    byTopic.set(topic, [...(byTopic.get(topic) ?? []), type]);
  }
  return byTopic;
}
