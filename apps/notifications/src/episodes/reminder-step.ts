/** What a reminder sweep does with one episode whose reminder is due by the sweep's time. */
export type ReminderStep =
  | { kind: 'remind'; number: number; nextAt: Date }
  | { kind: 'postpone'; until: Date }
  /** Silenced now, but due only by a later as-of time: the live sweep deals with it when it is due. */
  | { kind: 'leave' };

/**
 * The step for a due episode. `now` is the real clock; a sweep run as of another time picks which
 * episodes are due by that time, but everything it records is relative to `now`: the reminder is
 * sent now, so the next one is an interval after now, and silences are judged now. An as-of time,
 * future or past, therefore never pushes an episode's schedule to that time.
 */
export function reminderStep(
  episode: { nextReminderAt: Date; remindersSent: number },
  context: { now: Date; silencedUntil: Date | undefined; intervalMs: number },
): ReminderStep {
  if (context.silencedUntil) {
    // Due now: the silence holds it back until it ends (as the live sweep always did). Due only later: left alone.
    return episode.nextReminderAt <= context.now ? { kind: 'postpone', until: context.silencedUntil } : { kind: 'leave' };
  }
  return { kind: 'remind', number: episode.remindersSent + 1, nextAt: new Date(context.now.getTime() + context.intervalMs) };
}
