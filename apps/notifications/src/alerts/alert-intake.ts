import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { activeSilence, decideCorrection, decideEpisode, nextReminderAt, Recipient, resolveRecipients } from '@pejling/domain-alerting';
import { SERVICE_ENV } from '@pejling/platform';
import { NotificationsEnv } from '../notifications.env';
import { QueuedDelivery } from '../persistence/delivery-planner';
import { lockOpenEpisodes, recordEpisodeEvent, toldRecipients } from '../persistence/episodes.repository';
import { RecipientPlanner } from '../persistence/recipient-planner';
import { loadRouting } from '../persistence/recipients.repository';
import { activeSilences } from '../persistence/silences.repository';
import { IncomingAlert } from './incoming-alert';

/**
 * Records an alert and decides what it means (episode state machine, silences, routing), then
 * plans the items to send, all in the caller's transaction. Every alert is recorded with its
 * outcome, including those not delivered (historical, silenced, repeated, ignored).
 */
@Injectable()
export class AlertIntake {
  constructor(
    @Inject(SERVICE_ENV) private readonly env: NotificationsEnv,
    private readonly planner: RecipientPlanner,
  ) {}

  async intake(manager: EntityManager, alert: IncomingAlert, now: Date): Promise<QueuedDelivery[]> {
    const alertId = randomUUID();
    await manager.query(
      `INSERT INTO alerts (id, event_id, event_type, goal_id, municipality, transition, payload, kind, plan_id, period, historical)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [alertId, alert.eventId, alert.eventType, alert.goalId, alert.municipality, alert.kind, alert.payload, alert.kind, alert.planId, alert.period, alert.historical],
    );
    const outcome = async (value: string, detail: string | null = null, episodeId: string | null = null) =>
      manager.query(`UPDATE alerts SET outcome = $2, outcome_detail = $3, episode_id = $4 WHERE id = $1`, [alertId, value, detail, episodeId]);
    if (alert.historical) {
      await outcome('historical', 'the period is older than the publication calendar’s due period (a backfill): recorded, not delivered');
      return [];
    }
    const open = alert.goalId ? await lockOpenEpisodes(manager, alert.goalId) : [];
    const silence = activeSilence(await activeSilences(manager, now), { planId: alert.planId, goalId: alert.goalId, municipality: alert.municipality }, now);
    const silencedDetail = silence ? `silenced by ${silence.id} until ${silence.endsAt.toISOString()}` : null;
    if (alert.correction) return this.correct(manager, alert, alertId, open, silence ?? null, now, outcome);
    const decision = decideEpisode(alert.kind, open);

    switch (decision.action) {
      case 'ignore':
        await outcome('ignored', decision.reason);
        return [];
      case 'repeat':
        // The figures of the newest period feed the reminders; nobody is alerted again.
        await manager.query(`UPDATE episodes SET last_alert_id = $2 WHERE id = $1`, [decision.episodeId, alertId]);
        await recordEpisodeEvent(manager, decision.episodeId, 'repeated', now, { details: { alertId, period: alert.period } });
        await outcome('repeat', 'an episode is already open for the goal', decision.episodeId);
        return [];
      case 'open': {
        for (const superseded of decision.supersedes) {
          await manager.query(`UPDATE episodes SET status = 'resolved', resolved_at = $2, resolved_alert_id = $3, resolution = 'superseded by a breach', next_reminder_at = NULL WHERE id = $1`, [
            superseded,
            now,
            alertId,
          ]);
          await recordEpisodeEvent(manager, superseded, 'superseded', now, { details: { alertId } });
        }
        const recipients = await this.recipientsFor(manager, alert);
        const episodeId = randomUUID();
        await manager.query(
          `INSERT INTO episodes (id, goal_id, kind, status, municipality, plan_id, opened_alert_id, last_alert_id, opened_at, recipients, next_reminder_at)
           VALUES ($1, $2, $3, 'open', $4, $5, $6, $6, $7, $8, $9)`,
          [
            episodeId, alert.goalId, decision.kind, alert.municipality, alert.planId, alertId, now, JSON.stringify(recipients),
            // Opened under a silence: nobody has heard of it, so the first reminder goes out when the silence ends.
            silence ? silence.endsAt : nextReminderAt(now, this.env.REMINDER_INTERVAL_MS),
          ],
        );
        await recordEpisodeEvent(manager, episodeId, 'opened', now, { details: { alertId, period: alert.period, recipients: recipients.map((r) => r.name) } });
        if (silence) {
          await recordEpisodeEvent(manager, episodeId, 'silenced', now, { details: { silenceId: silence.id, until: silence.endsAt } });
          await outcome('silenced', silencedDetail, episodeId);
          return [];
        }
        await outcome(recipients.length > 0 ? 'opened' : 'no-recipients', null, episodeId);
        return this.planner.plan(manager, recipients, { subjectId: episodeId, step: 'opened', alertId, episodeId, municipality: alert.municipality });
      }
      case 'close': {
        const queued: QueuedDelivery[] = [];
        for (const episode of open.filter((candidate) => decision.episodeIds.includes(candidate.id))) {
          await manager.query(`UPDATE episodes SET status = 'resolved', resolved_at = $2, resolved_alert_id = $3, resolution = 'recovered', next_reminder_at = NULL WHERE id = $1`, [
            episode.id,
            now,
            alertId,
          ]);
          await recordEpisodeEvent(manager, episode.id, 'resolved', now, { details: { alertId, period: alert.period, silenced: silence?.id ?? null } });
          if (!silence) queued.push(...(await this.planner.plan(manager, episode.recipients, { subjectId: episode.id, step: 'recovered', alertId, episodeId: episode.id, municipality: alert.municipality })));
        }
        await outcome(silence ? 'silenced' : 'closed', silencedDetail, decision.episodeIds[0]);
        return queued;
      }
      case 'notice': {
        if (silence) {
          await outcome('silenced', silencedDetail);
          return [];
        }
        const recipients = await this.recipientsFor(manager, alert);
        await outcome(recipients.length > 0 ? 'notice' : 'no-recipients');
        return this.planner.plan(manager, recipients, { subjectId: alertId, step: 'notice', alertId, episodeId: null, municipality: alert.municipality });
      }
    }
  }

  /**
   * A correction goes to whoever got the alert it corrects, and the goal's episodes follow the goal's
   * state as of its latest period: one the correction no longer supports is closed as corrected, and
   * one it calls for is opened with the correction as its opening message.
   */
  private async correct(
    manager: EntityManager,
    alert: IncomingAlert,
    alertId: string,
    open: Awaited<ReturnType<typeof lockOpenEpisodes>>,
    silence: { id: string; endsAt: Date } | null,
    now: Date,
    outcome: (value: string, detail?: string | null, episodeId?: string | null) => Promise<unknown>,
  ): Promise<QueuedDelivery[]> {
    const { correctsEventId, currentState } = alert.correction as NonNullable<IncomingAlert['correction']>;
    let told = await toldRecipients(manager, correctsEventId);
    const decision = decideCorrection(currentState, open);
    for (const episode of open.filter((candidate) => decision.close.includes(candidate.id))) {
      await manager.query(`UPDATE episodes SET status = 'resolved', resolved_at = $2, resolved_alert_id = $3, resolution = 'corrected', next_reminder_at = NULL WHERE id = $1`, [
        episode.id,
        now,
        alertId,
      ]);
      await recordEpisodeEvent(manager, episode.id, 'corrected', now, { details: { alertId, period: alert.period, now: currentState } });
    }
    let episodeId: string | null = open.find((episode) => !decision.close.includes(episode.id))?.id ?? decision.close[0] ?? null;
    if (decision.open) {
      if (told.length === 0) told = await this.recipientsFor(manager, alert);
      episodeId = randomUUID();
      await manager.query(
        `INSERT INTO episodes (id, goal_id, kind, status, municipality, plan_id, opened_alert_id, last_alert_id, opened_at, recipients, next_reminder_at)
         VALUES ($1, $2, $3, 'open', $4, $5, $6, $6, $7, $8, $9)`,
        [episodeId, alert.goalId, decision.open, alert.municipality, alert.planId, alertId, now, JSON.stringify(told), silence ? silence.endsAt : nextReminderAt(now, this.env.REMINDER_INTERVAL_MS)],
      );
      await recordEpisodeEvent(manager, episodeId, 'opened', now, { details: { alertId, period: alert.period, correction: true, recipients: told.map((r) => r.name) } });
    }
    if (silence) {
      await outcome('silenced', `silenced by ${silence.id} until ${silence.endsAt.toISOString()}`, episodeId);
      return [];
    }
    await outcome(told.length > 0 ? 'corrected' : 'no-recipients', told.length > 0 ? null : 'nobody was told what this corrects', episodeId);
    return this.planner.plan(manager, told, { subjectId: alertId, step: 'corrected', alertId, episodeId, municipality: alert.municipality });
  }

  private async recipientsFor(manager: EntityManager, alert: IncomingAlert): Promise<Recipient[]> {
    const { rules, recipients } = await loadRouting(manager);
    return resolveRecipients(alert.owners, rules, recipients, alert);
  }
}
