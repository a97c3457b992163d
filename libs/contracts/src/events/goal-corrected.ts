import { z } from 'zod';
import { anyPeriod, explanation } from './common';
import { engineState, goalTransitionV4, goalTransitionV5, upcastGoalTransitionV4 } from './goal-evaluated';

/**
 * v1: a period owners were already alerted about was judged again (a late baseline, benchmark,
 * peer figure or revision) and is now judged differently. Carries what was said (`corrects`),
 * what is true now (the evaluation fields, as in a transition), and the goal's state as of its
 * latest period (`current`), which the owners' episodes follow; benchmarks with their bases, as in v4 transitions. Keyed by municipality on
 * pejling.goal-transitions.v1.
 */
const correctionFields = {
  corrects: z.object({
    /** The id of the transition (or earlier correction) event that said otherwise. */
    eventId: z.string().uuid(),
    kind: z.enum(['breach', 'recovery', 'at_risk', 'correction']),
    state: engineState,
    explanation,
  }),
  current: z.object({ period: anyPeriod, state: engineState }),
};
export const goalCorrectedV1 = goalTransitionV4.omit({ transition: true, historical: true }).extend(correctionFields);
export type GoalCorrectedV1 = z.infer<typeof goalCorrectedV1>;

/** v2: owners by id only, as in v5 transitions (no names, addresses or channel URLs on a public topic). */
export const goalCorrectedV2 = goalTransitionV5.omit({ transition: true, historical: true }).extend(correctionFields);
export type GoalCorrectedV2 = z.infer<typeof goalCorrectedV2>;
export type GoalCorrected = GoalCorrectedV2;

export function upcastGoalCorrectedV1(v1: GoalCorrectedV1): GoalCorrectedV2 {
  const { corrects, current, ...transition } = v1;
  const {
    transition: _transition,
    historical: _historical,
    ...rest
  } = upcastGoalTransitionV4({ ...transition, transition: 'breach', historical: false });
  return { ...rest, corrects, current };
}
