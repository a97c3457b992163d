import { EngineState } from './rules';

const JUDGED: readonly EngineState[] = ['met', 'at_risk', 'breached'];

/**
 * A goal changes between met, at risk and breached only when the last `required` raw states
 * agree, so one noisy month does not flap. States that say the goal cannot be judged (no data,
 * stale, not applicable, pending) take effect at once. `recent` is oldest first, newest last.
 */
export function stabilize(previous: EngineState | undefined, recent: readonly EngineState[], required: number): EngineState {
  const latest = recent[recent.length - 1];
  if (latest === undefined) return previous ?? 'no_data';
  if (!JUDGED.includes(latest) || previous === undefined || !JUDGED.includes(previous) || required <= 1) return latest;
  if (latest === previous) return previous;
  const window = recent.slice(-required);
  return window.length === required && window.every((state) => state === latest) ? latest : previous;
}
