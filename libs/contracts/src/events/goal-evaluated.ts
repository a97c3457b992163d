import { z } from 'zod';
import {
  anyPeriod,
  clusterBasis,
  comparator,
  explanation,
  goalState,
  monthPeriod,
  municipalityCode,
  nationalBasis,
  periodKind,
} from './common';

const rule = z.object({ kind: z.literal('threshold'), comparator, target: z.number().finite() });

/** Every evaluation of a goal, with its inputs and explanation (for BI and dashboards). */
export const goalEvaluatedV1 = z.object({
  evaluationId: z.string().uuid(),
  goalId: z.string().uuid(),
  goalName: z.string(),
  municipality: municipalityCode,
  indicatorId: z.string(),
  period: monthPeriod,
  value: z.number().finite(),
  rule,
  gap: z.number().finite(),
  state: goalState,
  previousState: goalState.nullable(),
  explanation,
});
export type GoalEvaluatedV1 = z.infer<typeof goalEvaluatedV1>;

const owner = z.object({
  name: z.string(),
  email: z.string().email().nullable(),
  webhookUrl: z.string().url().nullable(),
});

/** A goal changed state: met → breached (`goal.breached`) or breached → met (`goal.recovered`). */
export const goalTransitionV1 = goalEvaluatedV1.extend({
  transition: z.enum(['breach', 'recovery']),
  owner,
});
export type GoalTransitionV1 = z.infer<typeof goalTransitionV1>;

const period = monthPeriod;
/** Every goal kind the engine evaluates (mirrors GoalRule in the domain lib). */
export const goalRule = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('threshold'), comparator, target: z.number().finite() }),
  z.object({ kind: z.literal('benchmark'), benchmark: z.enum(['national', 'cluster']), comparator, offsetPp: z.number().finite() }),
  z.object({ kind: z.literal('rank'), within: z.enum(['cluster', 'country']), maxRank: z.number().int().min(1) }),
  z.object({ kind: z.literal('change_by_deadline'), baselinePeriod: period, comparator, change: z.number().finite(), deadline: period }),
  z.object({ kind: z.literal('cumulative_by_deadline'), from: period, target: z.number().finite(), deadline: period }),
  z.object({ kind: z.literal('cohort'), comparator, target: z.number().finite(), maturityMonths: z.number().int().min(1) }),
]);
export const engineState = z.enum(['met', 'at_risk', 'breached', 'no_data', 'stale', 'not_applicable', 'pending']);

/** v2: any goal kind, the full set of states, the stable state after hysteresis and the raw one, and the benchmarks used. */
export const goalEvaluatedV2 = z.object({
  evaluationId: z.string().uuid(),
  goalId: z.string().uuid(),
  goalName: z.string(),
  municipality: municipalityCode,
  indicatorId: z.string(),
  period,
  value: z.number().finite().nullable(),
  rule: goalRule,
  direction: z.enum(['lower_is_better', 'higher_is_better']),
  state: engineState,
  rawState: engineState,
  previousState: engineState.nullable(),
  reason: z.string(),
  measured: z.number().finite().nullable(),
  required: z.number().finite().nullable(),
  gap: z.number().finite().nullable(),
  benchmarks: z.object({ national: z.number().finite().nullable(), cluster: z.number().finite().nullable() }),
  projection: z.object({ period, value: z.number().finite() }).nullable(),
  explanation,
});
export type GoalEvaluatedV2 = z.infer<typeof goalEvaluatedV2>;

export const goalTransitionV2 = goalEvaluatedV2.extend({
  transition: z.enum(['breach', 'recovery', 'at_risk']),
  severity: z.enum(['critical', 'major', 'minor']),
  owner,
});
export type GoalTransitionV2 = z.infer<typeof goalTransitionV2>;

export function upcastGoalEvaluatedV1(v1: GoalEvaluatedV1): GoalEvaluatedV2 {
  return {
    ...v1,
    direction: v1.rule.comparator === 'lt' || v1.rule.comparator === 'lte' ? 'lower_is_better' : 'higher_is_better',
    rawState: v1.state,
    reason: 'compared',
    measured: v1.value,
    required: v1.rule.target,
    benchmarks: { national: null, cluster: null },
    projection: null,
  };
}

export function upcastGoalTransitionV1(v1: GoalTransitionV1): GoalTransitionV2 {
  return { ...upcastGoalEvaluatedV1(v1), transition: v1.transition, severity: 'major', owner: v1.owner };
}

/** v3: evaluations of goals on indicators of any period kind. */
export const goalEvaluatedV3 = goalEvaluatedV2.extend({ period: anyPeriod, periodKind });
export type GoalEvaluatedV3 = z.infer<typeof goalEvaluatedV3>;

/** The benchmarks an evaluation used, with what they are (official or computed national figure and its coverage; the cluster's source). */
const benchmarksWithBasis = goalEvaluatedV2.shape.benchmarks.extend({
  nationalBasis: nationalBasis.nullable(),
  clusterBasis: clusterBasis.nullable(),
});

/** v4: the benchmarks' bases, so a message calls an average national only when it is (null: not known). */
export const goalEvaluatedV4 = goalEvaluatedV3.extend({ benchmarks: benchmarksWithBasis });
export type GoalEvaluatedV4 = z.infer<typeof goalEvaluatedV4>;
export type GoalEvaluated = GoalEvaluatedV4;

/** The channels a person or team is alerted on. */
export const channelType = z.enum(['email', 'webhook', 'teams', 'slack']);
export type ChannelType = z.infer<typeof channelType>;

/** An owner of the goal as the alert needs it (event-carried state: notifications never calls goals). */
export const alertOwner = z.object({
  id: z.string().uuid().nullable(),
  name: z.string(),
  channels: z.array(z.object({ type: channelType, target: z.string().min(1) })),
  language: z.enum(['da', 'en']),
  timeZone: z.string().min(1),
});
export type AlertOwner = z.infer<typeof alertOwner>;

/**
 * v3 (unreleased cycle, extended in place): any period kind, every owner of the goal with their
 * channels, language and time zone, where the goal sits in its plan and its text as printed, the
 * indicator's last 12 readings, and whether the transition is about a long-past period (a backfill:
 * recorded, not delivered). `stale` is the transition of `goal.stale`: newer data is overdue.
 */
export const goalTransitionV3 = goalEvaluatedV3.extend({
  transition: z.enum(['breach', 'recovery', 'at_risk', 'stale']),
  severity: z.enum(['critical', 'major', 'minor']),
  owners: z.array(alertOwner),
  plan: z.object({ id: z.string().min(1), name: z.string() }).nullable(),
  focusArea: z.object({ id: z.string().min(1), title: z.string() }).nullable(),
  /** The goal's id as printed in the plan, e.g. `Mål E`. */
  planGoalId: z.string().nullable(),
  /** The goal's text as printed in the plan. */
  goalText: z.string().nullable(),
  indicator: z.object({ labelDa: z.string(), labelEn: z.string(), unit: z.enum(['percent', 'count']) }),
  /** The indicator's readings up to and including this period, oldest first (at most 12). */
  trend: z.array(z.object({ period: anyPeriod, value: z.number().finite() })).max(12),
  historical: z.boolean(),
});
export type GoalTransitionV3 = z.infer<typeof goalTransitionV3>;

/** v4: the benchmarks' bases (see goalEvaluatedV4). */
export const goalTransitionV4 = goalTransitionV3.extend({ benchmarks: benchmarksWithBasis });
export type GoalTransitionV4 = z.infer<typeof goalTransitionV4>;

/**
 * v5: the goal's owners by id only, in the plan's order. Transitions travel on a public topic, so they
 * carry no names, email addresses or channel URLs (a Teams or Slack webhook URL is a credential);
 * notifications resolves an owner's channels, language and time zone from what goals publishes on
 * the internal topic pejling.internal.owners.v1 (`owner.contacts-changed`).
 */
export const goalTransitionV5 = goalTransitionV4.omit({ owners: true }).extend({ ownerIds: z.array(z.string().uuid()) });
export type GoalTransitionV5 = z.infer<typeof goalTransitionV5>;
export type GoalTransition = GoalTransitionV5;

/** Owners without an id (v2 events, goals from before owners were stored) cannot be resolved and are left out. */
export function upcastGoalTransitionV4(v4: GoalTransitionV4): GoalTransitionV5 {
  const { owners, ...rest } = v4;
  return { ...rest, ownerIds: owners.flatMap((owner) => (owner.id ? [owner.id] : [])) };
}

/** Earlier evaluations did not say what their benchmarks were. */
export function upcastGoalEvaluatedV3(v3: GoalEvaluatedV3): GoalEvaluatedV4 {
  return { ...v3, benchmarks: { ...v3.benchmarks, nationalBasis: null, clusterBasis: null } };
}

export function upcastGoalTransitionV3(v3: GoalTransitionV3): GoalTransitionV4 {
  return { ...v3, benchmarks: { ...v3.benchmarks, nationalBasis: null, clusterBasis: null } };
}

export function upcastGoalEvaluatedV2(v2: GoalEvaluatedV2): GoalEvaluatedV3 {
  return { ...v2, periodKind: 'month' };
}

/** A v2 transition had one owner with an email and a webhook, and nothing of the plan. */
export function upcastGoalTransitionV2(v2: GoalTransitionV2): GoalTransitionV3 {
  const { owner, ...rest } = v2;
  const channels = [
    ...(owner.email ? [{ type: 'email' as const, target: owner.email }] : []),
    ...(owner.webhookUrl ? [{ type: 'webhook' as const, target: owner.webhookUrl }] : []),
  ];
  return {
    ...rest,
    periodKind: 'month',
    owners: [{ id: null, name: owner.name, channels, language: 'da', timeZone: 'Europe/Copenhagen' }],
    plan: null,
    focusArea: null,
    planGoalId: null,
    goalText: null,
    indicator: { labelDa: v2.indicatorId, labelEn: v2.indicatorId, unit: 'percent' },
    trend: [],
    historical: false,
  };
}
