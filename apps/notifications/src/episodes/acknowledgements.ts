import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { createEvent } from '@pejling/contracts';
import { assertInScope, Principal, Transactions } from '@pejling/platform';
import { AckLinkRevoked, revocationOf } from '../signing/ack-link-revocation';
import { publicRecipientKey } from '../delivery/delivery-outcomes';
import { ackLinkRevocations } from '../persistence/ack-link-revocations.repository';
import { DeliveryQueue } from '../delivery/delivery.queue';
import { acknowledgeEpisode, lockEpisode, recordEpisodeEvent } from '../persistence/episodes.repository';
import { RecipientPlanner } from '../persistence/recipient-planner';

export interface Acknowledgement {
  by: string;
  note: string;
  via: 'api' | 'link';
  /** The author allows the note on the public transparency page (default false; the email link never sets it). */
  public?: boolean;
  /** The recipient who acknowledged through their link: they are not told of their own acknowledgement. */
  recipientKey?: string;
  /** A signed link's issue time (unix ms): refused when the episode's links were revoked after it was made. */
  linkIssuedAt?: number;
}

/** A second acknowledgement changes nothing (409): who acknowledged, and their note, stay as they were. */
export class EpisodeAlreadyAcknowledged extends ConflictException {
  constructor(
    readonly by: string,
    readonly note: string,
    at: Date,
  ) {
    super(`The episode was already acknowledged by ${by} at ${at.toISOString()}: “${note}”.`);
  }
}

/** The goal recovered (or the episode was otherwise closed): nothing to acknowledge (409). */
export class EpisodeOver extends ConflictException {
  constructor() {
    super('The episode is over (the goal recovered); there is nothing to acknowledge.');
  }
}

/**
 * Acknowledging an episode says someone is on it: it stops the reminders, keeps who and the
 * follow-up note in the episode's history (for the committee's half-yearly status), tells the
 * other recipients, and publishes `notification.episode-acknowledged`.
 */
@Injectable()
export class Acknowledgements {
  constructor(
    private readonly transactions: Transactions,
    private readonly planner: RecipientPlanner,
    private readonly queue: DeliveryQueue,
  ) {}

  /** `principal`: the API caller, whose scope must hold the episode's municipality (absent for a signed link). */
  async acknowledge(episodeId: string, ack: Acknowledgement, now: Date, principal?: Principal): Promise<void> {
    const queued = await this.transactions.run(async (unit) => {
      const episode = await lockEpisode(unit.manager, episodeId);
      if (!episode) throw new NotFoundException(`No episode with id ${episodeId}.`);
      if (principal) assertInScope(principal, episode.municipality, 'episodes');
      // Checked under the episode's lock, which a revocation takes too: a link cannot slip in beside one.
      if (ack.via === 'link') {
        const link = { recipientKey: ack.recipientKey ?? '', issuedAt: ack.linkIssuedAt ?? 0 };
        if (revocationOf(link, await ackLinkRevocations(unit.manager, episodeId))) throw new AckLinkRevoked();
      }
      if (episode.status === 'acknowledged')
        throw new EpisodeAlreadyAcknowledged(
          episode.acknowledged_by ?? '',
          episode.acknowledgement_note ?? '',
          new Date(episode.acknowledged_at ?? 0),
        );
      if (episode.status === 'resolved') throw new EpisodeOver();
      await acknowledgeEpisode(unit.manager, episodeId, { at: now, by: ack.by, note: ack.note, via: ack.via, public: ack.public === true });
      await recordEpisodeEvent(unit.manager, episodeId, 'acknowledged', now, {
        actor: ack.by,
        note: ack.note,
        details: { via: ack.via, recipient: ack.recipientKey ?? null, public: ack.public === true },
      });
      unit.publish(
        createEvent(
          'notification.episode-acknowledged',
          // Who acknowledged stays in the episode's history; the public event names a link's recipient by key only.
          {
            episodeId,
            goalId: episode.goal_id,
            kind: episode.kind,
            recipient: ack.via === 'link' && ack.recipientKey ? publicRecipientKey(ack.recipientKey) : null,
            note: ack.note,
            via: ack.via,
            acknowledgedAt: now.toISOString(),
          },
          { source: 'pejling/notifications', municipality: episode.municipality },
        ),
      );
      const others = episode.recipients.filter((recipient) => recipient.key !== ack.recipientKey);
      return this.planner.plan(unit.manager, others, {
        subjectId: episodeId,
        step: 'acknowledged',
        alertId: episode.last_alert_id,
        episodeId,
        municipality: episode.municipality,
        details: { acknowledgement: { by: ack.by, note: ack.note, at: now.toISOString() } },
      });
    });
    await this.queue.enqueue(queued);
  }
}
