import fc from 'fast-check';
import { activeSilence, Silence, silenceMatches } from './silences';
import { dueDigestSlot } from './digest';
import { isLocalDateTime, localParts, zonedLocalToUtc } from './time-zones';

const window = { startsAt: new Date('2026-12-20T23:00:00Z'), endsAt: new Date('2027-01-03T23:00:00Z') };
const silence = (overrides: Partial<Silence>): Silence => ({
  id: 's',
  planId: null,
  goalId: null,
  municipality: null,
  ...window,
  ...overrides,
});
const target = { planId: 'frederiksberg-2022', goalId: 'g1', municipality: '147' };
const during = new Date('2026-12-24T12:00:00Z');

describe('silences', () => {
  it.each([
    ['by plan', silence({ planId: 'frederiksberg-2022' }), during, true],
    ['by another plan', silence({ planId: 'koebenhavn-2022' }), during, false],
    ['by goal', silence({ goalId: 'g1' }), during, true],
    ['by another goal', silence({ goalId: 'g2' }), during, false],
    ['by municipality', silence({ municipality: '147' }), during, true],
    ['by another municipality', silence({ municipality: '101' }), during, false],
    ['by plan and goal', silence({ planId: 'frederiksberg-2022', goalId: 'g1' }), during, true],
    ['by plan and another goal', silence({ planId: 'frederiksberg-2022', goalId: 'g2' }), during, false],
    ['before it starts', silence({ goalId: 'g1' }), new Date('2026-12-20T22:59:59Z'), false],
    ['at its start', silence({ goalId: 'g1' }), window.startsAt, true],
    ['at its end (the end is exclusive)', silence({ goalId: 'g1' }), window.endsAt, false],
  ])('%s', (_name, candidate, now, expected) => {
    expect(silenceMatches(candidate, target, now)).toBe(expected);
  });

  it('picks the matching silence that ends last, so reminders resume after all of them', () => {
    const short = silence({ id: 'short', goalId: 'g1', endsAt: new Date('2026-12-27T00:00:00Z') });
    const long = silence({ id: 'long', municipality: '147' });
    const other = silence({ id: 'other', municipality: '101', endsAt: new Date('2027-06-01T00:00:00Z') });
    expect(activeSilence([short, long, other], target, during)?.id).toBe('long');
    expect(activeSilence([other], target, during)).toBeUndefined();
  });
});

describe('time zones', () => {
  it('reads a local time in Copenhagen across daylight saving time', () => {
    expect(zonedLocalToUtc('2026-12-24T08:00', 'Europe/Copenhagen').toISOString()).toBe('2026-12-24T07:00:00.000Z');
    expect(zonedLocalToUtc('2026-07-01T08:00', 'Europe/Copenhagen').toISOString()).toBe('2026-07-01T06:00:00.000Z');
    // 02:30 on 29 March 2026 does not exist in Copenhagen: read as 03:30 summer time.
    expect(zonedLocalToUtc('2026-03-29T02:30', 'Europe/Copenhagen').toISOString()).toBe('2026-03-29T01:30:00.000Z');
    // 02:30 on 25 October 2026 happens twice: the first one.
    expect(zonedLocalToUtc('2026-10-25T02:30', 'Europe/Copenhagen').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(zonedLocalToUtc('2026-12-24 08:00:30', 'UTC').toISOString()).toBe('2026-12-24T08:00:30.000Z');
    expect(() => zonedLocalToUtc('24/12/2026', 'Europe/Copenhagen')).toThrow(/not a local date-time/);
    expect(isLocalDateTime('2026-12-24T08:00')).toBe(true);
    expect(isLocalDateTime('2026-12-24T08:00:00Z')).toBe(false);
  });

  it('round-trips every instant through its local wall-clock time (except the repeated autumn hour)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2035, 0, 1) }),
        fc.constantFrom('Europe/Copenhagen', 'America/New_York', 'Australia/Sydney', 'UTC'),
        (ms, zone) => {
          const instant = new Date(Math.floor(ms / 1000) * 1000);
          const p = localParts(instant, zone);
          const pad = (n: number) => String(n).padStart(2, '0');
          const local = `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}:${pad(p.second)}`;
          const back = zonedLocalToUtc(local, zone);
          const sameWallClock = localParts(back, zone);
          expect(sameWallClock).toEqual(p);
          // Only the repeated hour can map to the other (earlier) instant, one hour apart.
          expect([0, 3600_000, 1800_000]).toContain(instant.getTime() - back.getTime());
        },
      ),
    );
  });
});

describe('digest schedule', () => {
  it('is due from the local hour, once per local day or ISO week', () => {
    const copenhagen = 'Europe/Copenhagen';
    expect(dueDigestSlot(new Date('2026-11-23T06:59:00Z'), 'daily', 8, copenhagen)).toBeNull(); // 07:59 local
    expect(dueDigestSlot(new Date('2026-11-23T07:00:00Z'), 'daily', 8, copenhagen)).toBe('daily:2026-11-23');
    expect(dueDigestSlot(new Date('2026-11-23T22:59:00Z'), 'daily', 8, copenhagen)).toBe('daily:2026-11-23'); // 23:59 local
    expect(dueDigestSlot(new Date('2026-11-23T23:30:00Z'), 'daily', 8, copenhagen)).toBeNull(); // 00:30 on the 24th
    expect(dueDigestSlot(new Date('2026-11-23T09:00:00Z'), 'weekly', 8, copenhagen)).toBe('weekly:2026-W48'); // a Monday
    expect(dueDigestSlot(new Date('2026-11-24T09:00:00Z'), 'weekly', 8, copenhagen)).toBeNull();
    expect(dueDigestSlot(new Date('2027-01-04T09:00:00Z'), 'weekly', 8, copenhagen)).toBe('weekly:2027-W01');
    expect(dueDigestSlot(new Date('2026-11-23T09:00:00Z'), 'off', 8, copenhagen)).toBeNull();
  });
});
