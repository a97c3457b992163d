import { Controller, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import { EventEnvelope, FigureFlagged, GoalCorrected, GoalTransition, PullFailedV1, TOPICS } from '@pejling/contracts';
import { Transactions } from '@pejling/platform';
import { Clock } from '../clock';
import { DeliveryQueue } from '../delivery/delivery.queue';
import { AlertIntake } from './alert-intake';
import { fromCorrection, fromFigureFlagged, fromPullFailed, fromTransition, IncomingAlert } from './incoming-alert';

/**
 * Consumes goal transitions and data-quality events. Each event is handled once (its id is
 * recorded with the alert, the episode change and the planned items in one transaction); the
 * deliveries are queued after the commit, and re-queued by the sweeper if the process died in between.
 */
@Controller()
export class AlertsConsumer {
  private readonly logger = new Logger(AlertsConsumer.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly intake: AlertIntake,
    private readonly queue: DeliveryQueue,
    private readonly clock: Clock,
  ) {}

  @EventPattern(TOPICS.goalTransitions)
  onTransition(@Payload() event: EventEnvelope<'goal.breached' | 'goal.recovered' | 'goal.at-risk' | 'goal.stale' | 'goal.corrected'>): Promise<void> {
    const alert = event.type === 'goal.corrected' ? fromCorrection(event.id, event.payload as GoalCorrected) : fromTransition(event.id, event.type, event.payload as GoalTransition);
    return this.handle('notifications.goal-transitions', event, alert);
  }

  @EventPattern(TOPICS.dataQuality)
  onDataQuality(@Payload() event: EventEnvelope<'figure.flagged'>): Promise<void> {
    return this.handle('notifications.data-quality', event, fromFigureFlagged(event.id, event.payload as FigureFlagged));
  }

  /** A failed pull is a data-quality problem once it will not be retried; completed pulls and retries are not news. */
  @EventPattern(TOPICS.ingestRuns)
  async onIngestRun(@Payload() event: EventEnvelope<'pull.failed' | 'pull.completed'>): Promise<void> {
    if (event.type !== 'pull.failed' || (event.payload as PullFailedV1).willRetry) return;
    return this.handle('notifications.ingest-runs', event, fromPullFailed(event.id, event.municipality, event.payload as PullFailedV1));
  }

  private async handle(consumer: string, event: EventEnvelope, alert: IncomingAlert): Promise<void> {
    const outcome = await this.transactions.runOnce(consumer, event, ({ manager }) => this.intake.intake(manager, alert, this.clock.now()));
    if (outcome.duplicate) {
      this.logger.log({ eventId: event.id }, 'duplicate event ignored');
      return;
    }
    await this.queue.enqueue(outcome.result);
    this.logger.log({ eventId: event.id, goalId: alert.goalId, kind: alert.kind, deliveries: outcome.result.length }, 'alert handled');
  }
}
