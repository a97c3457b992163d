import { EntityManager } from 'typeorm';
import { z } from 'zod';
import type { AckLinkRevocation } from '../signing/ack-link-revocation';

const revocationRow = z.object({ recipient_key: z.string().nullable(), revoked_at: z.date() });

export interface NewAckLinkRevocation {
  episodeId: string;
  recipientKey: string | null;
  revokedAt: Date;
  revokedBy: string;
  reason: string | null;
}

export async function insertAckLinkRevocation(manager: EntityManager, revocation: NewAckLinkRevocation): Promise<void> {
  await manager.query(
    `INSERT INTO ack_link_revocations (episode_id, recipient_key, revoked_at, revoked_by, reason) VALUES ($1, $2, $3, $4, $5)`,
    [revocation.episodeId, revocation.recipientKey, revocation.revokedAt, revocation.revokedBy, revocation.reason],
  );
}

/** The episode's link revocations, oldest first. */
export async function ackLinkRevocations(manager: EntityManager, episodeId: string): Promise<AckLinkRevocation[]> {
  const rows: unknown[] = await manager.query(
    `SELECT recipient_key, revoked_at FROM ack_link_revocations WHERE episode_id = $1 ORDER BY id`,
    [episodeId],
  );
  return rows.map((row) => {
    const parsed = revocationRow.parse(row);
    return { recipientKey: parsed.recipient_key, revokedAt: parsed.revoked_at };
  });
}
