import { localParts } from './time-zones';

export type DigestFrequency = 'off' | 'daily' | 'weekly';

/**
 * The digest slot due at `now` for a recipient, or null: a daily digest is due from the
 * recipient's local `hour` each day, a weekly one from that hour on Mondays. The slot names the
 * local day (or ISO week), so each is sent once however often the sweep runs.
 */
export function dueDigestSlot(now: Date, frequency: DigestFrequency, hour: number, timeZone: string): string | null {
  if (frequency === 'off') return null;
  const local = localParts(now, timeZone);
  if (local.hour < hour) return null;
  const day = `${local.year}-${pad(local.month)}-${pad(local.day)}`;
  if (frequency === 'daily') return `daily:${day}`;
  if (local.weekday !== 1) return null;
  return `weekly:${isoWeek(local.year, local.month, local.day)}`;
}

function isoWeek(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = date.getUTCDay() || 7;
  date.setUTCDate(date.getUTCDate() + 4 - weekday);
  const firstOfYear = new Date(Date.UTC(date.getUTCFullYear(), 0, 1));
  const week = Math.ceil(((date.getTime() - firstOfYear.getTime()) / 86_400_000 + 1) / 7);
  return `${date.getUTCFullYear()}-W${pad(week)}`;
}

function pad(value: number): string {
  return String(value).padStart(2, '0');
}
