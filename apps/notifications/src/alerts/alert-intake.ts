import { Inject, Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  activeSilence,
  decideCorrection,
  decideEpisode,
  EpisodeKind,
  nextReminderAt,
  Recipient,
  resolveRecipients,
} from '@pejling/domain-alerting';
import { SERVICE_ENV, UnitOfWork } from '@pejling/platform';
import { NotificationsEnv } from '../notifications.env';
import { insertAlert, setAlertOutcome } from '../persistence/alerts.repository';
import { QueuedDelivery } from '../persistence/delivery-planner';
import {
  insertEpisode,
  lockOpenEpisodes,
  recordEpisodeEvent,
  resolveEpisode,
  RunningEpisode,
  setLastAlert,
  toldRecipients,
} from '../persistence/episodes.repository';
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

  /** `manager`: the transaction's, from the use case that handles the event. */
  async intake(manager: UnitOfWork['manager'], alert: IncomingAlert, now: Date): Promise<QueuedDelivery[]> {
    const alertId = randomUUID();
    await insertAlert(manager, {
      id: alertId,
      eventId: alert.eventId,
      eventType: alert.eventType,
      goalId: alert.goalId,
      municipality: alert.municipality,
      kind: alert.kind,
      payload: alert.payload,
      planId: alert.planId,
      period: alert.period,
      historical: alert.historical,
    });
    const outcome = (value: string, detail: string | null = null, episodeId: string | null = null) =>
      setAlertOutcome(manager, alertId, { outcome: value, detail, episodeId });
    if (alert.historical) {
      await outcome('historical', 'the period is older than the publication calendar’s due period (a backfill): recorded, not delivered');
      return [];
    }
    const open = alert.goalId ? await lockOpenEpisodes(manager, alert.goalId) : [];
    const silence = activeSilence(
      await activeSilences(manager, now),
      { planId: alert.planId, goalId: alert.goalId, municipality: alert.municipality },
      now,
    );
    const silencedDetail = silence ? `silenced by ${silence.id} until ${silence.endsAt.toISOString()}` : null;
    if (alert.correction) return this.correct(manager, alert, alertId, open, silence ?? null, now, outcome);
    const decision = decideEpisode(alert.kind, open);

    switch (decision.action) {
      case 'ignore':
        await outcome('ignored', decision.reason);
        return [];
      case 'repeat':
        // The figures of the newest period feed the reminders; nobody is alerted again.
        await setLastAlert(manager, decision.episodeId, alertId);
        await recordEpisodeEvent(manager, decision.episodeId, 'repeated', now, { details: { alertId, period: alert.period } });
        await outcome('repeat', 'an episode is already open for the goal', decision.episodeId);
        return [];
      case 'open': {
        for (const superseded of decision.supersedes) {
          await resolveEpisode(manager, superseded, { at: now, alertId, resolution: 'superseded by a breach' });
          await recordEpisodeEvent(manager, superseded, 'superseded', now, { details: { alertId } });
        }
        const recipients = await this.recipientsFor(manager, alert);
        const episodeId = await this.openEpisode(manager, alert, alertId, decision.kind, recipients, silence ?? null, now);
        await recordEpisodeEvent(manager, episodeId, 'opened', now, {
          details: { alertId, period: alert.period, recipients: recipients.map((r) => r.name) },
        });
        if (silence) {
          await recordEpisodeEvent(manager, episodeId, 'silenced', now, { details: { silenceId: silence.id, until: silence.endsAt } });
          await outcome('silenced', silencedDetail, episodeId);
          return [];
        }
        await outcome(recipients.length > 0 ? 'opened' : 'no-recipients', null, episodeId);
        return this.planner.plan(manager, recipients, {
          subjectId: episodeId,
          step: 'opened',
          alertId,
          episodeId,
          municipality: alert.municipality,
        });
      }
      case 'close': {
        const queued: QueuedDelivery[] = [];
        for (const episode of open.filter((candidate) => decision.episodeIds.includes(candidate.id))) {
          await resolveEpisode(manager, episode.id, { at: now, alertId, resolution: 'recovered' });
          await recordEpisodeEvent(manager, episode.id, 'resolved', now, {
            details: { alertId, period: alert.period, silenced: silence?.id ?? null },
          });
          if (!silence)
            queued.push(
              ...(await this.planner.plan(manager, episode.recipients, {
                subjectId: episode.id,
                step: 'recovered',
                alertId,
                episodeId: episode.id,
                municipality: alert.municipality,
              })),
            );
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
        return this.planner.plan(manager, recipients, {
          subjectId: alertId,
          step: 'notice',
          alertId,
          episodeId: null,
          municipality: alert.municipality,
        });
      }
    }
  }

  /**
   * A correction goes to whoever got the alert it corrects, and the goal's episodes follow the goal's
   * state as of its latest period: one the correction no longer supports is closed as corrected, and
   * one it calls for is opened with the correction as its opening message.
   */
  private async correct(
    manager: UnitOfWork['manager'],
    alert: IncomingAlert,
    alertId: string,
    open: RunningEpisode[],
    silence: { id: string; endsAt: Date } | null,
    now: Date,
    outcome: (value: string, detail?: string | null, episodeId?: string | null) => Promise<unknown>,
  ): Promise<QueuedDelivery[]> {
    const { correctsEventId, currentState } = alert.correction as NonNullable<IncomingAlert['correction']>;
    let told = await toldRecipients(manager, correctsEventId);
    const decision = decideCorrection(currentState, open);
    for (const episode of open.filter((candidate) => decision.close.includes(candidate.id))) {
      await resolveEpisode(manager, episode.id, { at: now, alertId, resolution: 'corrected' });
      await recordEpisodeEvent(manager, episode.id, 'corrected', now, { details: { alertId, period: alert.period, now: currentState } });
    }
    let episodeId: string | null = open.find((episode) => !decision.close.includes(episode.id))?.id ?? decision.close[0] ?? null;
    if (decision.open) {
      if (told.length === 0) told = await this.recipientsFor(manager, alert);
      episodeId = await this.openEpisode(manager, alert, alertId, decision.open, told, silence, now);
      await recordEpisodeEvent(manager, episodeId, 'opened', now, {
        details: { alertId, period: alert.period, correction: true, recipients: told.map((r) => r.name) },
      });
    }
    if (silence) {
      await outcome('silenced', `silenced by ${silence.id} until ${silence.endsAt.toISOString()}`, episodeId);
      return [];
    }
    await outcome(
      told.length > 0 ? 'corrected' : 'no-recipients',
      told.length > 0 ? null : 'nobody was told what this corrects',
      episodeId,
    );
    return this.planner.plan(manager, told, {
      subjectId: alertId,
      step: 'corrected',
      alertId,
      episodeId,
      municipality: alert.municipality,
    });
  }

  /** A new open episode of the alert's goal, opened by the alert; its id. */
  private async openEpisode(
    manager: UnitOfWork['manager'],
    alert: IncomingAlert,
    alertId: string,
    kind: EpisodeKind,
    recipients: Recipient[],
    silence: { endsAt: Date } | null,
    now: Date,
  ): Promise<string> {
    const id = randomUUID();
    await insertEpisode(manager, {
      id,
      goalId: alert.goalId,
      kind,
      municipality: alert.municipality,
      planId: alert.planId,
      alertId,
      openedAt: now,
      recipients,
      // Opened under a silence: nobody has heard of it, so the first reminder goes out when the silence ends.
      nextReminderAt: silence ? silence.endsAt : nextReminderAt(now, this.env.REMINDER_INTERVAL_MS),
    });
    return id;
  }

  private async recipientsFor(manager: UnitOfWork['manager'], alert: IncomingAlert): Promise<Recipient[]> {
    const { rules, recipients } = await loadRouting(manager);
    return resolveRecipients(alert.owners, rules, recipients, alert);
  }
}
