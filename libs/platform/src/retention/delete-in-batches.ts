/**
 * Deletes in batches of at most `batchSize` rows until one comes back short; returns the total.
 * Each batch is one short statement in its own transaction, so a large backlog (the first prune
 * after a backfill) never holds row locks or a snapshot for long.
 */
export async function deleteInBatches(batchSize: number, deleteBatch: (limit: number) => Promise<number>): Promise<number> {
  let total = 0;
  for (;;) {
    const deleted = await deleteBatch(batchSize);
    total += deleted;
    if (deleted < batchSize) return total;
  }
}
