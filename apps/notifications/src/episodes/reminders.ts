import { Inject, Injectable, Logger } from '@nestjs/common';
import { activeSilence } from '@pejling/domain-alerting';
import { SERVICE_ENV, Transactions } from '@pejling/platform';
import { DeliveryQueue } from '../delivery/delivery.queue';
import { NotificationsEnv } from '../notifications.env';
import { QueuedDelivery } from '../persistence/delivery-planner';
import { countReminder, lockDueReminders, postponeReminder, recordEpisodeEvent } from '../persistence/episodes.repository';
import { RecipientPlanner } from '../persistence/recipient-planner';
import { activeSilences } from '../persistence/silences.repository';

/**
 * Reminds the recipients of every open, unacknowledged episode whose reminder is due, with the
 * newest figures, and schedules the next one. A silenced episode's reminder moves to the silence's
 * end, so muted breaches are brought up again when the silence ends. Each reminder's number is part
 * of its idempotency key, and episodes are taken with SKIP LOCKED, so two instances never double one.
 */
@Injectable()
export class Reminders {
  private readonly logger = new Logger(Reminders.name);

  constructor(
    private readonly transactions: Transactions,
    private readonly planner: RecipientPlanner,
    private readonly queue: DeliveryQueue,
    @Inject(SERVICE_ENV) private readonly env: NotificationsEnv,
  ) {}

  async sweep(now: Date): Promise<{ reminded: number; silenced: number }> {
    const counts = { reminded: 0, silenced: 0 };
    const queued = await this.transactions.run(async ({ manager }) => {
      const due = await lockDueReminders(manager, now);
      const silences = await activeSilences(manager, now);
      const planned: QueuedDelivery[] = [];
      for (const episode of due) {
        const silence = activeSilence(
          silences,
          { planId: episode.plan_id, goalId: episode.goal_id, municipality: episode.municipality },
          now,
        );
        if (silence) {
          await postponeReminder(manager, episode.id, silence.endsAt);
          await recordEpisodeEvent(manager, episode.id, 'reminder-silenced', now, {
            details: { silenceId: silence.id, until: silence.endsAt },
          });
          counts.silenced += 1;
          continue;
        }
        const number = episode.reminders_sent + 1;
        await countReminder(manager, episode.id, number, new Date(now.getTime() + this.env.REMINDER_INTERVAL_MS));
        await recordEpisodeEvent(manager, episode.id, 'reminder', now, {
          details: { number, recipients: episode.recipients.map((r) => r.name) },
        });
        planned.push(
          ...(await this.planner.plan(manager, episode.recipients, {
            subjectId: episode.id,
            step: `reminder-${number}`,
            alertId: episode.last_alert_id,
            episodeId: episode.id,
            municipality: episode.municipality,
          })),
        );
        counts.reminded += 1;
      }
      return planned;
    });
    await this.queue.enqueue(queued);
    if (counts.reminded + counts.silenced > 0) this.logger.log({ ...counts, at: now.toISOString() }, 'reminder sweep');
    return counts;
  }
}
