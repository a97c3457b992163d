import { createHash, randomUUID } from 'node:crypto';
import { COUNTRY_AREA, createEvent, envelopeToKafkaRecord, EventEnvelope, KafkaRecord, OWNER_EVENTS_KEY, TOPICS } from '@pejling/contracts';
import { produceRaw } from './kafka-probe';
import { periodKind } from '@pejling/domain-kernel';

/** A `figure.recorded` event as ingest publishes it (a revision when `previousValue` is given). */
export function figureRecordedEvent(
  municipality: string,
  series: string,
  value: number,
  period = '2021-07',
  previousValue: number | null = null,
): EventEnvelope {
  return createEvent(
    'figure.recorded',
    {
      figureId: '00000000-0000-4000-8000-000000000001',
      source: 'jobindsats',
      series,
      municipality,
      period,
      periodKind: periodKind(period),
      value,
      unit: series === 'befolkning-16-66' ? 'persons' : 'full-time-persons',
      previousValue,
      revision: previousValue === null ? 1 : 2,
      sourceUpdatedAt: null,
      previousSourceUpdatedAt: null,
      area: municipality === COUNTRY_AREA ? 'country' : 'municipality',
    },
    { source: 'pejling/ingest', municipality },
  );
}

export interface ReadingOptions {
  municipality?: string;
  indicatorId?: string;
  previousValue?: number | null;
  national?: number | null;
  /** Municipalities the national average covers (default 98: a complete average). */
  nationalCoverage?: number;
  cluster?: number | null;
  parts?: Record<string, number>;
}

/** An `indicator.computed` event for a share of a 70.400 population, as the indicators service publishes it. */
export function indicatorComputedEvent(value: number, period: string, options: ReadingOptions = {}): EventEnvelope<'indicator.computed'> {
  const municipality = options.municipality ?? '147';
  return createEvent(
    'indicator.computed',
    {
      indicatorId: options.indicatorId ?? 'share.sygedagpenge-mv',
      municipality,
      period,
      periodKind: periodKind(period),
      value,
      unit: 'percent',
      numerator: (value * 70400) / 100,
      denominator: 70400,
      parts: options.parts ?? { sygedagpenge: 0, jobafklaringsforloeb: 0 },
      previousValue: options.previousValue ?? null,
      benchmarks: {
        national: options.national ?? null,
        cluster: options.cluster ?? null,
        clusterMembers: [],
        nationalBasis: { source: 'municipalities', municipalities: options.nationalCoverage ?? 98, of: 98 },
        clusterBasis: null,
      },
      rank: { country: null, countryOf: 0, cluster: null, clusterOf: 0 },
    },
    { source: 'pejling/indicators', municipality },
  ) as EventEnvelope<'indicator.computed'>;
}

/** The Kafka message for an event: keyed by municipality. */
/** The Kafka record the services produce for an event: a binary-mode CloudEvent. */
export function asMessage(event: EventEnvelope): KafkaRecord {
  return envelopeToKafkaRecord(event, 'cloudevents', TEST_SCHEMA_BASE_URL);
}

/** The Kafka record of the previous format (the JSON envelope), as producers not yet upgraded write it. */
export function asEnvelopeMessage(event: EventEnvelope): KafkaRecord {
  return envelopeToKafkaRecord(event, 'envelope', TEST_SCHEMA_BASE_URL);
}

export const TEST_SCHEMA_BASE_URL = 'http://127.0.0.1:3001';

let transitionSequence = 0;

export interface TransitionOptions {
  type?: 'goal.breached' | 'goal.recovered' | 'goal.at-risk' | 'goal.stale';
  goalId?: string;
  goalName?: string;
  municipality?: string;
  period?: string;
  value?: number;
  owners?: {
    id?: string | null;
    name: string;
    channels: { type: 'email' | 'webhook' | 'teams' | 'slack'; target: string }[];
    language?: 'da' | 'en';
    timeZone?: string;
  }[];
  plan?: { id: string; name: string } | null;
  focusArea?: { id: string; title: string } | null;
  severity?: 'critical' | 'major' | 'minor';
  historical?: boolean;
  trend?: { period: string; value: number }[];
}

export type TestOwner = NonNullable<TransitionOptions['owners']>[number];

/** A stable owner id: the given one, or one derived from the name (the same name is the same owner). */
export function testOwnerId(owner: TestOwner): string {
  if (owner.id) return owner.id;
  const hex = createHash('sha256').update(`owner ${owner.name}`).digest('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** An `owner.contacts-changed` event (internal owners topic) as goals publishes it. */
export function ownerContactsEvent(owner: TestOwner, updatedAt = new Date()): EventEnvelope {
  return createEvent(
    'owner.contacts-changed',
    {
      ownerId: testOwnerId(owner),
      name: owner.name,
      channels: owner.channels,
      language: owner.language ?? 'da',
      timeZone: owner.timeZone ?? 'Europe/Copenhagen',
      deleted: false,
      updatedAt: updatedAt.toISOString(),
      snapshot: false,
    },
    { source: 'pejling/goals', municipality: OWNER_EVENTS_KEY },
  );
}

/** The owners each test transition names, so `produceGoalEvents` can publish their contacts first. */
const ownersOfEvent = new WeakMap<EventEnvelope, TestOwner[]>();

/**
 * Publishes goal events as goals would: the owners' contacts on the internal owners topic first,
 * then the events on the transitions topic (public events name owners by id only).
 */
export async function produceGoalEvents(prefix: string, events: EventEnvelope[]): Promise<void> {
  const byId = new Map(events.flatMap((event) => ownersOfEvent.get(event) ?? []).map((owner) => [testOwnerId(owner), owner]));
  const owners = [...byId.values()];
  if (owners.length > 0)
    await produceRaw(
      TOPICS.ownersInternal,
      prefix,
      owners.map((owner) => asMessage(ownerContactsEvent(owner))),
    );
  await produceRaw(TOPICS.goalTransitions, prefix, events.map(asMessage));
}

/** A goal transition (v5) as the goals service publishes it: Frederiksberg's Mål E against ≤ 1,8 %. */
export function goalTransitionEvent(options: TransitionOptions = {}): EventEnvelope {
  transitionSequence += 1;
  const type = options.type ?? 'goal.breached';
  const transition = { 'goal.breached': 'breach', 'goal.recovered': 'recovery', 'goal.at-risk': 'at_risk', 'goal.stale': 'stale' }[
    type
  ] as 'breach';
  const state = { breach: 'breached', recovery: 'met', at_risk: 'at_risk', stale: 'stale' }[transition] as 'breached';
  const value = options.value ?? (transition === 'breach' ? 1.8793 : 1.7331);
  const period = options.period ?? '2021-07';
  const municipality = options.municipality ?? '147';
  const sequence = String(transitionSequence).padStart(12, '0');
  const over = transition === 'breach';
  const owners: TestOwner[] = options.owners ?? [
    { name: 'Sygedagpengeteamet', channels: [{ type: 'email', target: 'team@frederiksberg.example' }] },
  ];
  const event = createEvent(
    type,
    {
      evaluationId: `00000000-0000-4000-8000-${sequence}`,
      goalId: options.goalId ?? `10000000-0000-4000-8000-${sequence}`,
      goalName: options.goalName ?? `Mål ${transitionSequence}`,
      municipality,
      indicatorId: 'share.sygedagpenge-mv',
      period,
      periodKind: periodKind(period),
      value,
      rule: { kind: 'threshold', comparator: 'lte', target: 1.8 },
      direction: 'lower_is_better',
      gap: value - 1.8,
      measured: value,
      required: 1.8,
      reason: 'compared',
      benchmarks: { national: null, cluster: null, nationalBasis: null, clusterBasis: null },
      projection: null,
      state,
      rawState: state,
      previousState: over ? 'met' : 'breached',
      severity: options.severity ?? 'major',
      explanation: over
        ? {
            da: 'Andelen på Sygedagpenge mv. var 1,9 % i juli 2021: 0,1 pct.-point over målet.',
            en: 'The share of people on sickness benefit etc. was 1.9 % in July 2021: 0.1 percentage points above the target.',
          }
        : {
            da: 'Andelen på Sygedagpenge mv. var 1,7 %: målet er opfyldt.',
            en: 'The share of people on sickness benefit etc. was 1.7 %: the goal is met.',
          },
      transition,
      ownerIds: owners.map(testOwnerId),
      plan: options.plan === undefined ? { id: 'frederiksberg-2022', name: 'Beskæftigelsesplan 2022' } : options.plan,
      focusArea: options.focusArea === undefined ? { id: 'ydelsesgrupper', title: 'Mål for de enkelte ydelsesgrupper' } : options.focusArea,
      planGoalId: 'Mål E',
      goalText: 'Sygedagpengeområdet – andelen på sygedagpenge eller jobafklaringsforløb skal være under 1,8 %',
      indicator: { labelDa: 'Sygedagpenge mv.', labelEn: 'Sickness benefit etc.', unit: 'percent' },
      trend: options.trend ?? [
        { period: '2021-05', value: 1.69 },
        { period: '2021-06', value: 1.74 },
        { period, value },
      ],
      historical: options.historical ?? false,
    },
    { source: 'pejling/goals', municipality },
  );
  ownersOfEvent.set(event, owners);
  return event;
}

/**
 * A correction (`goal.corrected` v2) of an earlier transition event: the period is now judged
 * `state` (with its figures), and the goal's latest period `current`.
 */
export function goalCorrectedEvent(
  corrects: EventEnvelope,
  now: { state: 'met' | 'breached' | 'at_risk' | 'no_data'; value: number; explanation: { da: string; en: string } },
  current: { period: string; state: string },
): EventEnvelope {
  const {
    transition,
    historical: _historical,
    ...base
  } = corrects.payload as { transition: string; historical: boolean; state: string; explanation: { da: string; en: string } } & Record<
    string,
    unknown
  >;
  const event = createEvent(
    'goal.corrected',
    {
      ...base,
      evaluationId: randomUUID(),
      state: now.state,
      rawState: now.state,
      value: now.value,
      measured: now.value,
      gap: now.value - 1.8,
      explanation: now.explanation,
      corrects: { eventId: corrects.id, kind: transition, state: base.state, explanation: base.explanation },
      current,
    } as never,
    { source: 'pejling/goals', municipality: corrects.municipality },
  );
  ownersOfEvent.set(event, ownersOfEvent.get(corrects) ?? []);
  return event;
}
