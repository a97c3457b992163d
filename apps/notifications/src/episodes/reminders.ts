import { Inject, Injectable, Logger } from '@nestjs/common';
import { activeSilence } from '@pejling/domain-alerting';
import { SERVICE_ENV, Transactions } from '@pejling/platform';
import { DeliveryQueue } from '../delivery/delivery.queue';
import { NotificationsEnv } from '../notifications.env';
import { QueuedDelivery } from '../persistence/delivery-planner';
import { countReminder, lockDueReminders, postponeReminder, recordEpisodeEvent } from '../persistence/episodes.repository';
import { RecipientPlanner } from '../persistence/recipient-planner';
import { activeSilences } from '../persistence/silences.repository';
import { reminderStep } from './reminder-step';

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

  /**
   * `now`: the clock. `asOf` (the admin sweep's `now`): remind, now, the episodes that would be due
   * by then. What is recorded stays relative to `now` (reminderStep), so the live schedule carries on
   * from the reminder really sent and is never moved to the as-of time.
   */
  async sweep(now: Date, asOf: Date = now): Promise<{ reminded: number; silenced: number }> {
    const counts = { reminded: 0, silenced: 0 };
    const asOfAnotherTime = asOf.getTime() !== now.getTime();
    const queued = await this.transactions.run(async ({ manager }) => {
      const due = await lockDueReminders(manager, asOf);
      const silences = await activeSilences(manager, now);
      const planned: QueuedDelivery[] = [];
      for (const episode of due) {
        const silence = activeSilence(
          silences,
          { planId: episode.plan_id, goalId: episode.goal_id, municipality: episode.municipality },
          now,
        );
        const step = reminderStep(
          { nextReminderAt: episode.next_reminder_at ?? asOf, remindersSent: episode.reminders_sent },
          { now, silencedUntil: silence?.endsAt, intervalMs: this.env.REMINDER_INTERVAL_MS },
        );
        if (step.kind === 'postpone') {
          await postponeReminder(manager, episode.id, step.until);
          await recordEpisodeEvent(manager, episode.id, 'reminder-silenced', now, {
            details: { silenceId: silence?.id, until: step.until },
          });
        }
        if (step.kind !== 'remind') {
          counts.silenced += 1;
          continue;
        }
        await countReminder(manager, episode.id, step.number, step.nextAt);
        await recordEpisodeEvent(manager, episode.id, 'reminder', now, {
          details: {
            number: step.number,
            recipients: episode.recipients.map((r) => r.name),
            ...(asOfAnotherTime ? { asOf: asOf.toISOString() } : {}),
          },
        });
        planned.push(
          ...(await this.planner.plan(manager, episode.recipients, {
            subjectId: episode.id,
            step: `reminder-${step.number}`,
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
    if (counts.reminded + counts.silenced > 0)
      this.logger.log({ ...counts, at: now.toISOString(), ...(asOfAnotherTime ? { asOf: asOf.toISOString() } : {}) }, 'reminder sweep');
    return counts;
  }
}
