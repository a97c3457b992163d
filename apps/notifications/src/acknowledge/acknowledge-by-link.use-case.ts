import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { SERVICE_ENV } from '@pejling/platform';
import { Clock } from '../clock';
import { Acknowledgements, EpisodeAlreadyAcknowledged, EpisodeOver } from '../episodes/acknowledgements';
import { NotificationsEnv } from '../notifications.env';
import { verifyAckToken } from '../signing/ack-token';
import { AckLinkOutcome } from './ack-link-outcome';
import { AckLinkRevoked } from '../signing/ack-link-revocation';

const MIN_NOTE = 3;

/**
 * Acknowledges the episode a signed link names, as its recipient, with the form's note. Once the
 * episode is acknowledged (or over), or the link revoked, a POST changes nothing and says why; the
 * checks run under the episode's lock (Acknowledgements), so two clicks cannot both acknowledge.
 */
@Injectable()
export class AcknowledgeByLink {
  constructor(
    private readonly acknowledgements: Acknowledgements,
    private readonly clock: Clock,
    @Inject(SERVICE_ENV) private readonly env: NotificationsEnv,
  ) {}

  async run(token: string, form: { by?: string; note?: string }): Promise<AckLinkOutcome> {
    const now = this.clock.now();
    const check = verifyAckToken(this.env.ACK_LINK_SECRET, token, Math.floor(now.getTime() / 1000));
    if (!check.ok) return { kind: 'invalid', reason: check.reason };
    const { claims } = check;
    const note = (form.note ?? '').trim();
    if (note.length < MIN_NOTE) return { kind: 'note-missing' };
    const by = (form.by ?? '').trim() || claims.recipientName;
    try {
      await this.acknowledgements.acknowledge(
        claims.episodeId,
        { by: by.slice(0, 200), note: note.slice(0, 2000), via: 'link', recipientKey: claims.recipientKey, linkIssuedAt: claims.issuedAt },
        now,
      );
    } catch (error) {
      if (error instanceof AckLinkRevoked) return { kind: 'revoked' };
      if (error instanceof EpisodeAlreadyAcknowledged) return { kind: 'already-acknowledged', by: error.by, note: error.note };
      if (error instanceof EpisodeOver) return { kind: 'over' };
      if (error instanceof NotFoundException) return { kind: 'unknown-episode' };
      throw error;
    }
    return { kind: 'acknowledged' };
  }
}
