import { ForbiddenException } from '@nestjs/common';
import type { AckClaims } from './ack-token';

export interface AckLinkRevocation {
  /** Null: every recipient's links to the episode. */
  recipientKey: string | null;
  revokedAt: Date;
}

/**
 * The revocation that refuses a link, if any: one for the episode that covers the link's
 * recipient and came at or after the link was made. A link made in the same millisecond counts
 * as revoked (when in doubt, refuse: a newer message brings a newer link).
 */
export function revocationOf(
  claims: Pick<AckClaims, 'recipientKey' | 'issuedAt'>,
  revocations: readonly AckLinkRevocation[],
): AckLinkRevocation | undefined {
  return revocations.find(
    (revocation) =>
      (revocation.recipientKey === null || revocation.recipientKey === claims.recipientKey) &&
      claims.issuedAt <= revocation.revokedAt.getTime(),
  );
}

/** A revoked link's acknowledgement, refused inside the transaction that would have made it (403). */
export class AckLinkRevoked extends ForbiddenException {
  constructor() {
    super('The acknowledgement link has been revoked.');
  }
}
