/**
 * The idempotency key of a recipient's digest on one channel. The digest of the slot due at the
 * real time is the slot's own: one per slot, however often and on however many instances the
 * sweep runs. A sweep run as of another time that finds another slot due sends a copy under a key
 * of its own (once per slot), so it never uses up that slot: the slot's own digest still goes out
 * when the slot is really due.
 */
export function digestKey(
  channel: { recipientKey: string; type: string; target: string },
  slot: string,
  slotDueNow: string | null,
): string {
  const key = `digest|${channel.recipientKey}|${channel.type}|${channel.target}|${slot}`;
  return slot === slotDueNow ? key : `${key}|as-of`;
}
