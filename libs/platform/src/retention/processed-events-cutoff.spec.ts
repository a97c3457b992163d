import { TOPICS } from '@pejling/contracts';
import {
  processedEventsCutoff,
  processedEventsPrunes,
  redeliveryWindowMs,
  retentionTopics,
  TopicRetention,
} from './processed-events-cutoff';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const now = new Date('2026-06-30T12:00:00Z');
const deleting = (retentionMs: number, segmentMs = HOUR): TopicRetention => ({ retentionMs, segmentMs, compacted: false });

describe('redeliveryWindowMs', () => {
  it('is the retention plus one segment (Kafka deletes whole segments)', () => {
    expect(redeliveryWindowMs(deleting(7 * DAY, 7 * DAY))).toBe(14 * DAY);
    expect(redeliveryWindowMs(deleting(DAY, HOUR))).toBe(DAY + HOUR);
  });

  it('is for ever (null) for infinite retention, compaction, or a topic not known', () => {
    expect(redeliveryWindowMs(deleting(-1))).toBeNull();
    expect(redeliveryWindowMs({ retentionMs: DAY, segmentMs: HOUR, compacted: true })).toBeNull();
    expect(redeliveryWindowMs(undefined)).toBeNull();
  });
});

describe('processedEventsCutoff', () => {
  it('lies the longest window and the margin before now', () => {
    expect(processedEventsCutoff(now, [deleting(DAY), deleting(3 * DAY)], 2 * DAY)).toEqual(new Date(now.getTime() - 5 * DAY - HOUR));
  });

  it('keeps everything (null) when any topic may redeliver for ever, or none is named', () => {
    expect(processedEventsCutoff(now, [deleting(DAY), deleting(-1)], DAY)).toBeNull();
    expect(processedEventsCutoff(now, [deleting(DAY), undefined], DAY)).toBeNull();
    expect(processedEventsCutoff(now, [], DAY)).toBeNull();
  });

  it('keeps everything when the window reaches back before 1970 (retention.ms near Long.MAX)', () => {
    expect(processedEventsCutoff(now, [deleting(Number.MAX_SAFE_INTEGER)], DAY)).toBeNull();
  });
});

describe('processedEventsPrunes', () => {
  const prefix = 'test.';
  const configured = new Map<string, TopicRetention>([
    [`${prefix}${TOPICS.figures}`, deleting(DAY)],
    [`${prefix}${TOPICS.figures}.dlt`, deleting(3 * DAY)],
    [`${prefix}${TOPICS.indicators}`, deleting(-1)],
    [`${prefix}${TOPICS.indicators}.dlt`, deleting(DAY)],
    [`${prefix}${TOPICS.plans}`, { retentionMs: DAY, segmentMs: HOUR, compacted: true }],
    [`${prefix}${TOPICS.plans}.dlt`, deleting(DAY)],
    // goal-transitions has a topic but no dead-letter topic on this broker.
    [`${prefix}${TOPICS.goalTransitions}`, deleting(DAY)],
  ]);
  const { prune, keep } = processedEventsPrunes(now, (topic) => configured.get(topic), { topicPrefix: prefix, marginMs: DAY });

  it("prunes a topic's event types from the longer window of the topic and its dead-letter topic", () => {
    expect(prune).toEqual([{ topic: TOPICS.figures, eventTypes: ['figure.recorded'], before: new Date(now.getTime() - 4 * DAY - HOUR) }]);
  });

  it('keeps the ids of topics with infinite retention, compaction, or a topic or dead-letter topic not found', () => {
    expect(keep).toEqual(expect.arrayContaining([TOPICS.indicators, TOPICS.plans, TOPICS.goalTransitions, TOPICS.notifications]));
    expect(keep).toHaveLength(Object.keys(TOPICS).length - 1);
  });

  it('asks for every topic of the contracts and its dead-letter topic', () => {
    const asked = retentionTopics(prefix);
    expect(asked).toHaveLength(2 * Object.keys(TOPICS).length);
    expect(asked).toEqual(expect.arrayContaining([...configured.keys(), `${prefix}${TOPICS.goalTransitions}.dlt`]));
  });
});
