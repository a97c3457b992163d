import { z } from 'zod';
import { figureFlaggedV1, figureFlaggedV2, pullCompletedV1, pullFailedV1, upcastFigureFlaggedV1 } from './events/data-quality';
import {
  figureRecordedV1,
  figureRecordedV2,
  figureRecordedV3,
  upcastFigureRecordedV1,
  upcastFigureRecordedV2,
} from './events/figure-recorded';
import {
  indicatorComputedV1,
  indicatorComputedV2,
  indicatorComputedV3,
  indicatorComputedV4,
  upcastIndicatorComputedV1,
  upcastIndicatorComputedV2,
  upcastIndicatorComputedV3,
} from './events/indicator-computed';
import { planClustersDeclaredV1 } from './events/plan-clusters';
import {
  goalEvaluatedV1,
  goalEvaluatedV2,
  goalEvaluatedV3,
  goalEvaluatedV4,
  goalTransitionV1,
  goalTransitionV2,
  goalTransitionV3,
  goalTransitionV4,
  goalTransitionV5,
  upcastGoalEvaluatedV1,
  upcastGoalEvaluatedV2,
  upcastGoalEvaluatedV3,
  upcastGoalTransitionV1,
  upcastGoalTransitionV2,
  upcastGoalTransitionV3,
  upcastGoalTransitionV4,
} from './events/goal-evaluated';
import { goalCorrectedV1, goalCorrectedV2, upcastGoalCorrectedV1 } from './events/goal-corrected';
import {
  deliveryFailedV1,
  deliveryFailedV2,
  endpointDisabledV1,
  endpointDisabledV2,
  episodeAcknowledgedV1,
  episodeAcknowledgedV2,
  subscriptionDisabledV1,
  upcastDeliveryFailedV1,
  upcastEndpointDisabledV1,
  upcastEpisodeAcknowledgedV1,
} from './events/notifications';
import { ownerContactsChangedV1 } from './events/owners';
import { TOPICS } from './topics';

type V<S extends z.ZodType> = z.infer<S>;

/**
 * Every event type: its topic, the version producers write (`current`), the schema of every
 * version consumers still accept, and upcasters that turn an older payload into the current
 * shape, so a handler only ever sees the current version.
 */
export const EVENT_TYPES = {
  'figure.recorded': {
    topic: TOPICS.figures,
    current: 3,
    versions: { 1: figureRecordedV1, 2: figureRecordedV2, 3: figureRecordedV3 },
    upcast: {
      1: (payload: unknown) => upcastFigureRecordedV2(upcastFigureRecordedV1(payload as V<typeof figureRecordedV1>)),
      2: (payload: unknown) => upcastFigureRecordedV2(payload as V<typeof figureRecordedV2>),
    },
  },
  'figure.flagged': {
    topic: TOPICS.dataQuality,
    current: 2,
    versions: { 1: figureFlaggedV1, 2: figureFlaggedV2 },
    upcast: { 1: (payload: unknown) => upcastFigureFlaggedV1(payload as V<typeof figureFlaggedV1>) },
  },
  'pull.failed': { topic: TOPICS.ingestRuns, current: 1, versions: { 1: pullFailedV1 }, upcast: {} },
  'pull.completed': { topic: TOPICS.ingestRuns, current: 1, versions: { 1: pullCompletedV1 }, upcast: {} },
  'indicator.computed': {
    topic: TOPICS.indicators,
    current: 4,
    versions: { 1: indicatorComputedV1, 2: indicatorComputedV2, 3: indicatorComputedV3, 4: indicatorComputedV4 },
    upcast: {
      1: (payload: unknown) =>
        upcastIndicatorComputedV3(upcastIndicatorComputedV2(upcastIndicatorComputedV1(payload as V<typeof indicatorComputedV1>))),
      2: (payload: unknown) => upcastIndicatorComputedV3(upcastIndicatorComputedV2(payload as V<typeof indicatorComputedV2>)),
      3: (payload: unknown) => upcastIndicatorComputedV3(payload as V<typeof indicatorComputedV3>),
    },
  },
  'goal.evaluated': {
    topic: TOPICS.goalEvaluations,
    current: 4,
    versions: { 1: goalEvaluatedV1, 2: goalEvaluatedV2, 3: goalEvaluatedV3, 4: goalEvaluatedV4 },
    upcast: {
      1: (payload: unknown) => upcastGoalEvaluatedV3(upcastGoalEvaluatedV2(upcastGoalEvaluatedV1(payload as V<typeof goalEvaluatedV1>))),
      2: (payload: unknown) => upcastGoalEvaluatedV3(upcastGoalEvaluatedV2(payload as V<typeof goalEvaluatedV2>)),
      3: (payload: unknown) => upcastGoalEvaluatedV3(payload as V<typeof goalEvaluatedV3>),
    },
  },
  'goal.breached': transition(),
  'goal.recovered': transition(),
  'goal.at-risk': transition(),
  /** From v3: stale-data transitions came with the v3 payload. */
  'goal.stale': {
    topic: TOPICS.goalTransitions,
    current: 5,
    versions: { 3: goalTransitionV3, 4: goalTransitionV4, 5: goalTransitionV5 },
    upcast: {
      3: (payload: unknown) => upcastGoalTransitionV4(upcastGoalTransitionV3(payload as V<typeof goalTransitionV3>)),
      4: (payload: unknown) => upcastGoalTransitionV4(payload as V<typeof goalTransitionV4>),
    },
  },
  'plan.clusters-declared': { topic: TOPICS.plans, current: 1, versions: { 1: planClustersDeclaredV1 }, upcast: {} },
  /** A period owners were alerted about is judged differently now: what was said and what is true. */
  'goal.corrected': {
    topic: TOPICS.goalTransitions,
    current: 2,
    versions: { 1: goalCorrectedV1, 2: goalCorrectedV2 },
    upcast: { 1: (payload: unknown) => upcastGoalCorrectedV1(payload as V<typeof goalCorrectedV1>) },
  },
  'notification.delivery-failed': {
    topic: TOPICS.notifications,
    current: 2,
    versions: { 1: deliveryFailedV1, 2: deliveryFailedV2 },
    upcast: { 1: (payload: unknown) => upcastDeliveryFailedV1(payload as V<typeof deliveryFailedV1>) },
  },
  'notification.endpoint-disabled': {
    topic: TOPICS.notifications,
    current: 2,
    versions: { 1: endpointDisabledV1, 2: endpointDisabledV2 },
    upcast: { 1: (payload: unknown) => upcastEndpointDisabledV1(payload as V<typeof endpointDisabledV1>) },
  },
  'notification.episode-acknowledged': {
    topic: TOPICS.notifications,
    current: 2,
    versions: { 1: episodeAcknowledgedV1, 2: episodeAcknowledgedV2 },
    upcast: { 1: (payload: unknown) => upcastEpisodeAcknowledgedV1(payload as V<typeof episodeAcknowledgedV1>) },
  },
  'notification.subscription-disabled': { topic: TOPICS.notifications, current: 1, versions: { 1: subscriptionDisabledV1 }, upcast: {} },
  /** Internal: an owner's contact details for notifications (never on a public topic). */
  'owner.contacts-changed': { topic: TOPICS.ownersInternal, current: 1, versions: { 1: ownerContactsChangedV1 }, upcast: {} },
} as const;

function transition() {
  return {
    topic: TOPICS.goalTransitions,
    current: 5,
    versions: { 1: goalTransitionV1, 2: goalTransitionV2, 3: goalTransitionV3, 4: goalTransitionV4, 5: goalTransitionV5 },
    upcast: {
      1: (payload: unknown) =>
        upcastGoalTransitionV4(
          upcastGoalTransitionV3(upcastGoalTransitionV2(upcastGoalTransitionV1(payload as V<typeof goalTransitionV1>))),
        ),
      2: (payload: unknown) =>
        upcastGoalTransitionV4(upcastGoalTransitionV3(upcastGoalTransitionV2(payload as V<typeof goalTransitionV2>))),
      3: (payload: unknown) => upcastGoalTransitionV4(upcastGoalTransitionV3(payload as V<typeof goalTransitionV3>)),
      4: (payload: unknown) => upcastGoalTransitionV4(payload as V<typeof goalTransitionV4>),
    },
  } as const;
}

export type EventType = keyof typeof EVENT_TYPES;

type Definition<T extends EventType> = (typeof EVENT_TYPES)[T];
/** The payload type of the current version of each event type. */
export type EventPayload<T extends EventType> = z.infer<
  Definition<T>['versions'][Definition<T>['current'] & keyof Definition<T>['versions']]
>;

export function currentVersion(type: EventType): number {
  return EVENT_TYPES[type].current;
}

export function topicOf(type: EventType): string {
  return EVENT_TYPES[type].topic;
}

export function isEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_TYPES, type);
}
