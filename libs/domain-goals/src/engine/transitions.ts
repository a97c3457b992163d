import { EngineState } from './rules';

export type EngineTransition = 'breach' | 'at_risk' | 'recovery';

/**
 * What the owner is told when the (stable) state changes: a breach, an at-risk warning (its own,
 * lower-severity episode), or a recovery when a breached or at-risk goal is met again. States
 * that cannot judge the goal (no data, stale, pending, not applicable) alert nothing by themselves,
 * so `previous` is the last *judged* state (met, at risk or breached): a breach that went stale
 * and is breached again is the same episode.
 */
export function engineTransition(previous: EngineState | null | undefined, next: EngineState): EngineTransition | null {
  if (next === 'breached') return previous === 'breached' ? null : 'breach';
  // Out of a breach into "at risk": the breach is over (its episode closes); the notice says it is still at risk.
  if (next === 'at_risk') return previous === 'breached' ? 'recovery' : previous === 'at_risk' ? null : 'at_risk';
  if (next === 'met') return previous === 'breached' || previous === 'at_risk' ? 'recovery' : null;
  return null;
}

export function isJudged(state: EngineState): boolean {
  return state === 'met' || state === 'at_risk' || state === 'breached';
}
