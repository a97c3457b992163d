import { z } from 'zod';
import { figureRecordedV1 } from './events/figure-recorded';
import { indicatorComputedV1, indicatorComputedV2, upcastIndicatorComputedV1 } from './events/indicator-computed';
import { goalEvaluatedV1, goalEvaluatedV2, goalTransitionV1, goalTransitionV2, upcastGoalEvaluatedV1, upcastGoalTransitionV1 } from './events/goal-evaluated';
import { TOPICS } from './topics';

/**
 * Every event type: its topic, the version producers write (`current`), the schema of every
 * version consumers still accept, and upcasters that turn an older payload into the current
 * shape, so a handler only ever sees the current version.
 */
export const EVENT_TYPES = {
  'figure.recorded': { topic: TOPICS.figures, current: 1, versions: { 1: figureRecordedV1 }, upcast: {} },
  'indicator.computed': {
    topic: TOPICS.indicators,
    current: 2,
    versions: { 1: indicatorComputedV1, 2: indicatorComputedV2 },
    upcast: { 1: (payload: unknown) => upcastIndicatorComputedV1(payload as z.infer<typeof indicatorComputedV1>) },
  },
  'goal.evaluated': {
    topic: TOPICS.goalEvaluations,
    current: 2,
    versions: { 1: goalEvaluatedV1, 2: goalEvaluatedV2 },
    upcast: { 1: (payload: unknown) => upcastGoalEvaluatedV1(payload as z.infer<typeof goalEvaluatedV1>) },
  },
  'goal.breached': transition(),
  'goal.recovered': transition(),
  'goal.at-risk': transition(),
} as const;

export type EventType = keyof typeof EVENT_TYPES;

function transition() {
  return {
    topic: TOPICS.goalTransitions,
    current: 2,
    versions: { 1: goalTransitionV1, 2: goalTransitionV2 },
    upcast: { 1: (payload: unknown) => upcastGoalTransitionV1(payload as z.infer<typeof goalTransitionV1>) },
  } as const;
}

type Definition<T extends EventType> = (typeof EVENT_TYPES)[T];
/** The payload type of the current version of each event type. */
export type EventPayload<T extends EventType> = z.infer<Definition<T>['versions'][Definition<T>['current'] & keyof Definition<T>['versions']]>;

export function currentVersion(type: EventType): number {
  return EVENT_TYPES[type].current;
}

export function topicOf(type: EventType): string {
  return EVENT_TYPES[type].topic;
}

export function isEventType(type: string): type is EventType {
  return Object.prototype.hasOwnProperty.call(EVENT_TYPES, type);
}
