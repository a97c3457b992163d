import { Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { assertInScope, assertVisible, authorOfPrincipal, Principal, Transactions } from '@pejling/platform';
import { Clock } from '../clock';
import { insertAckLinkRevocation } from '../persistence/ack-link-revocations.repository';
import { lockEpisode, recordEpisodeEvent } from '../persistence/episodes.repository';

export interface AckLinkRevocationView {
  episodeId: string;
  /** Null: every recipient's links. */
  recipientKey: string | null;
  revokedAt: string;
  revokedBy: string;
  reason: string | null;
}

/**
 * Revokes the acknowledgement links sent so far for an episode (a message forwarded to the wrong
 * person): every recipient's, or one recipient's. Links in later messages work. Kept in the
 * episode's history. The episode is locked, so a link's acknowledgement in flight comes either
 * wholly before the revocation or is refused after it.
 */
@Injectable()
export class RevokeAckLinks {
  constructor(
    private readonly transactions: Transactions,
    private readonly clock: Clock,
  ) {}

  run(episodeId: string, input: { recipientKey?: string; reason?: string }, principal: Principal): Promise<AckLinkRevocationView> {
    const now = this.clock.now();
    const by = authorOfPrincipal(principal);
    return this.transactions.run(async ({ manager }) => {
      const episode = await lockEpisode(manager, episodeId);
      if (!episode) throw new NotFoundException(`No episode with id ${episodeId}.`);
      assertVisible(principal, episode.municipality, `No episode with id ${episodeId}.`);
      assertInScope(principal, episode.municipality, 'episodes');
      const recipientKey = input.recipientKey ?? null;
      if (recipientKey !== null && !episode.recipients.some((recipient) => recipient.key === recipientKey))
        throw new UnprocessableEntityException({
          statusCode: 422,
          error: 'Unprocessable Entity',
          message: `Invalid revocation: recipientKey is not a recipient of episode ${episodeId}`,
          errors: [
            {
              field: 'recipientKey',
              reason: `is not one of the episode's recipients (${episode.recipients.map((r) => r.key).join(', ')})`,
            },
          ],
        });
      const reason = input.reason ?? null;
      await insertAckLinkRevocation(manager, { episodeId, recipientKey, revokedAt: now, revokedBy: by, reason });
      await recordEpisodeEvent(manager, episodeId, 'ack-links-revoked', now, {
        actor: by,
        note: reason,
        details: { recipient: recipientKey },
      });
      return { episodeId, recipientKey, revokedAt: now.toISOString(), revokedBy: by, reason };
    });
  }
}
