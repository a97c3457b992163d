import { Inject, Injectable } from '@nestjs/common';
import { SERVICE_ENV, Transactions } from '@pejling/platform';
import { Clock } from '../clock';
import { findAckLinkEpisode } from '../episodes/episode-views.repository';
import { NotificationsEnv } from '../notifications.env';
import { ackLinkRevocations } from '../persistence/ack-link-revocations.repository';
import { verifyAckToken } from '../signing/ack-token';
import { AckLinkOutcome } from './ack-link-outcome';
import { revocationOf } from '../signing/ack-link-revocation';

/**
 * What a signed link's page shows (a read: mail scanners prefetch links, so a GET changes
 * nothing). A revoked link shows only that it is revoked, not who acknowledged or their note:
 * it may be in the hands of someone it was not meant for.
 */
@Injectable()
export class ShowAckLink {
  constructor(
    private readonly transactions: Transactions,
    private readonly clock: Clock,
    @Inject(SERVICE_ENV) private readonly env: NotificationsEnv,
  ) {}

  async run(token: string): Promise<AckLinkOutcome> {
    const check = verifyAckToken(this.env.ACK_LINK_SECRET, token, Math.floor(this.clock.now().getTime() / 1000));
    if (!check.ok) return { kind: 'invalid', reason: check.reason };
    const { claims } = check;
    return this.transactions.run(async ({ manager }) => {
      if (revocationOf(claims, await ackLinkRevocations(manager, claims.episodeId))) return { kind: 'revoked' } as const;
      const episode = await findAckLinkEpisode(manager, claims.episodeId);
      if (!episode) return { kind: 'unknown-episode' } as const;
      const goalName = episode.goalName ?? '';
      if (episode.status === 'acknowledged')
        return {
          kind: 'already-acknowledged',
          goalName,
          by: episode.acknowledgedBy ?? '',
          note: episode.acknowledgementNote ?? '',
        } as const;
      if (episode.status === 'resolved') return { kind: 'over', goalName } as const;
      return { kind: 'open', goalName, recipientName: claims.recipientName } as const;
    });
  }
}
