import { reminderStep } from './reminder-step';

const DAY = 86_400_000;
const now = new Date('2026-03-02T09:00:00Z');
const later = (days: number) => new Date(now.getTime() + days * DAY);

describe('reminder steps', () => {
  it('reminds a due episode and schedules the next reminder an interval after the real time', () => {
    expect(reminderStep({ nextReminderAt: later(-1), remindersSent: 2 }, { now, silencedUntil: undefined, intervalMs: 7 * DAY })).toEqual({
      kind: 'remind',
      number: 3,
      nextAt: later(7),
    });
  });

  it('schedules from the real time, not the as-of time, when an as-of sweep finds a reminder due only later', () => {
    // Due in 5 days, found by a sweep as of 8 days on: sent now, the next a week from now (not from the as-of time).
    expect(reminderStep({ nextReminderAt: later(5), remindersSent: 0 }, { now, silencedUntil: undefined, intervalMs: 7 * DAY })).toEqual({
      kind: 'remind',
      number: 1,
      nextAt: later(7),
    });
  });

  it('postpones a due, silenced episode to the end of the silence', () => {
    expect(reminderStep({ nextReminderAt: now, remindersSent: 0 }, { now, silencedUntil: later(3), intervalMs: 7 * DAY })).toEqual({
      kind: 'postpone',
      until: later(3),
    });
  });

  it('leaves a silenced episode that is due only by a later as-of time: its schedule stays as it was', () => {
    // A silence ending in 1 day must not pull a reminder due in 5 days forward to tomorrow.
    expect(reminderStep({ nextReminderAt: later(5), remindersSent: 0 }, { now, silencedUntil: later(1), intervalMs: 7 * DAY })).toEqual({
      kind: 'leave',
    });
  });
});
