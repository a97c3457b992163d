import { InjectQueue } from '@nestjs/bull';
import { Inject, Injectable } from '@nestjs/common';
import type { Queue } from 'bull';
import { SERVICE_ENV, withDeadline } from '@pejling/platform';
import { NotificationsEnv } from '../notifications.env';
import { QueuedDelivery } from '../persistence/delivery-planner';

export const DELIVERY_QUEUE = 'deliveries';
/** Job data field Bull's limiter groups by: one rate limit per endpoint. */
export const ENDPOINT_GROUP = 'endpoint';

export interface DeliveryJob {
  deliveryId: string;
  endpoint: string;
}

/** Bull appends the limiter group to the job id: `<delivery id>:<endpoint key>`. */
export function deliveryJobId(deliveryId: string, endpointKey: string): string {
  return `${deliveryId}:${endpointKey}`;
}

/**
 * Puts deliveries on the Bull queue. The job id is the delivery id, so a delivery is queued at
 * most once at a time; a grouped delivery waits out its group window as a delayed job. Retries
 * back off exponentially with jitter (the `jitter` strategy registered with the queue).
 */
@Injectable()
export class DeliveryQueue {
  constructor(
    @InjectQueue(DELIVERY_QUEUE) private readonly queue: Queue<DeliveryJob>,
    @Inject(SERVICE_ENV) private readonly env: NotificationsEnv,
  ) {}

  /** Fails fast (503) when Redis does not answer: called before a request changes anything it would then queue. */
  async ensureReachable(): Promise<void> {
    await this.redis('ping', this.queue.client.ping());
  }

  async enqueue(deliveries: readonly QueuedDelivery[]): Promise<void> {
    if (deliveries.length === 0) return;
    await this.redis(
      'add',
      this.queue.addBulk(
        deliveries.map((delivery) => ({
          data: { deliveryId: delivery.deliveryId, endpoint: delivery.endpointKey },
          opts: {
            jobId: delivery.deliveryId,
            delay: delivery.delayMs,
            attempts: this.env.DELIVERY_MAX_ATTEMPTS,
            backoff: { type: 'jitter' },
            removeOnComplete: true,
            removeOnFail: 1000,
          },
        })),
      ),
    );
  }

  job(deliveryId: string, endpointKey: string) {
    return this.redis('getJob', this.queue.getJob(deliveryJobId(deliveryId, endpointKey)));
  }

  private redis<T>(what: string, command: Promise<T>): Promise<T> {
    return withDeadline(command, this.env.REDIS_COMMAND_TIMEOUT_MS, 'redis', what);
  }
}

/** Exponential backoff with full jitter around it: base × 2^(n-1) × [0.5, 1.5). */
export function jitterBackoff(baseMs: number): (attemptsMade: number) => number {
  return (attemptsMade) => Math.round(baseMs * 2 ** Math.max(0, attemptsMade - 1) * (0.5 + Math.random()));
}
