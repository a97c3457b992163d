const DAY_MS = 86_400_000;

/** The moment before which rows kept for `days` days may go; null when `days` is 0 (kept for ever). */
export function retentionCutoff(now: Date, days: number): Date | null {
  if (days <= 0) return null;
  return new Date(now.getTime() - days * DAY_MS);
}
