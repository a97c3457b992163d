import { z } from 'zod';
import { anyPeriod, explanation } from './common';
import { engineState, goalTransitionV4 } from './goal-evaluated';

/**
 * v1: a period owners were already alerted about was judged again (a late baseline, benchmark,
 * peer figure or revision) and is now judged differently. Carries what was said (`corrects`),
 * what is true now (the evaluation fields, as in a transition), and the goal's state as of its
 * latest period (`current`), which the owners' episodes follow; benchmarks with their bases, as in v4 transitions. Keyed by municipality on
 * pejling.goal-transitions.v1.
 */
export const goalCorrectedV1 = goalTransitionV4.omit({ transition: true, historical: true }).extend({
  corrects: z.object({
    /** The id of the transition (or earlier correction) event that said otherwise. */
    eventId: z.string().uuid(),
    kind: z.enum(['breach', 'recovery', 'at_risk', 'correction']),
    state: engineState,
    explanation,
  }),
  current: z.object({ period: anyPeriod, state: engineState }),
});
export type GoalCorrectedV1 = z.infer<typeof goalCorrectedV1>;
export type GoalCorrected = GoalCorrectedV1;
