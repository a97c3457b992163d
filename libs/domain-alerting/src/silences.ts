/**
 * A silence mutes alerts that match it during its window: recorded, not delivered. Matchers left
 * null match anything; at least one must be set (enforced where silences are created).
 */
export interface Silence {
  id: string;
  planId: string | null;
  goalId: string | null;
  municipality: string | null;
  startsAt: Date;
  endsAt: Date;
}

export interface SilenceTarget {
  planId: string | null;
  goalId: string | null;
  municipality: string;
}

export function silenceMatches(silence: Silence, target: SilenceTarget, now: Date): boolean {
  if (now < silence.startsAt || now >= silence.endsAt) return false;
  if (silence.planId !== null && silence.planId !== target.planId) return false;
  if (silence.goalId !== null && silence.goalId !== target.goalId) return false;
  if (silence.municipality !== null && silence.municipality !== target.municipality) return false;
  return true;
}

/** The matching silence that lasts longest (its end is when muted reminders resume), if any. */
export function activeSilence(silences: readonly Silence[], target: SilenceTarget, now: Date): Silence | undefined {
  return silences.filter((silence) => silenceMatches(silence, target, now)).sort((a, b) => b.endsAt.getTime() - a.endsAt.getTime())[0];
}
