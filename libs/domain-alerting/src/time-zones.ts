const LOCAL = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?$/;

export interface LocalParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** 1 = Monday … 7 = Sunday (ISO). */
  weekday: number;
}

/** The wall-clock time in a time zone at an instant (DST handled by the platform's time-zone data). */
export function localParts(instant: Date, timeZone: string): LocalParts {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
    weekday: 'short',
  }).formatToParts(instant);
  const get = (type: string) => parts.find((part) => part.type === type)?.value ?? '';
  const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  return {
    year: Number(get('year')),
    month: Number(get('month')),
    day: Number(get('day')),
    hour: Number(get('hour')),
    minute: Number(get('minute')),
    second: Number(get('second')),
    weekday: weekdays.indexOf(get('weekday')) + 1,
  };
}

function offsetMs(instant: Date, timeZone: string): number {
  const p = localParts(instant, timeZone);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant a local wall-clock time (`2026-12-24T08:00`) names in a time zone. In the hour a DST
 * change skips, the time is read with the offset before the change (02:30 becomes 03:30 summer time);
 * in the hour that repeats, the earlier of the two instants is taken.
 */
export function zonedLocalToUtc(local: string, timeZone: string): Date {
  const match = LOCAL.exec(local.trim());
  if (!match) throw new Error(`'${local}' is not a local date-time such as 2026-12-24T08:00`);
  const [year, month, day, hour, minute, second] = match.slice(1).map((value) => Number(value ?? 0));
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const before = offsetMs(new Date(wall - 36 * 3600_000), timeZone);
  const after = offsetMs(new Date(wall + 36 * 3600_000), timeZone);
  // Try the earlier offset first (the repeated hour resolves to the first instant), then the later.
  for (const offset of before >= after ? [before, after] : [after, before]) {
    const candidate = new Date(wall - offset);
    if (offsetMs(candidate, timeZone) === offset) return candidate;
  }
  return new Date(wall - before);
}

/** Whether a string is a local date-time without an offset (then a time zone says what it means). */
export function isLocalDateTime(value: string): boolean {
  return LOCAL.test(value.trim());
}
