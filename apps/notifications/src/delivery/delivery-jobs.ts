import type { Queue } from 'bull';

/** What a delivery job says: which delivery to attempt (for people's deliveries, also the endpoint the rate limit groups by). */
export interface DeliveryJobData {
  deliveryId: string;
}

/**
 * Takes a queue's delivery jobs, `concurrency` at a time; each run attempts its delivery once.
 * A `send` that throws asks Bull for a retry, with the queue's backoff.
 */
export function processDeliveryJobs(queue: Queue<DeliveryJobData>, concurrency: number, send: (deliveryId: string) => Promise<void>): void {
  void queue.process(concurrency, (job) => send(job.data.deliveryId));
}

/** How long a send may take (its timeout and a margin) before a `sending` delivery is taken to belong to a dead process. */
export function inDoubtAfter(sendTimeoutMs: number): number {
  return sendTimeoutMs + 5_000;
}

/** Whether a failed attempt is tried again: attempts are counted from 1, and `maxAttempts` is the budget (DELIVERY_MAX_ATTEMPTS). */
export function mayRetry(attempt: number, maxAttempts: number): boolean {
  return attempt < maxAttempts;
}
