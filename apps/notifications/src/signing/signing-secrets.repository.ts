import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { newWebhookSecret, SecretBox } from './secret-box';

/** Whose secret: an integrator's subscription or an owner's/recipient's own webhook endpoint. */
export type SecretOwner = { subscriptionId: string } | { endpointId: string };

function ownerColumn(owner: SecretOwner): { column: 'subscription_id' | 'endpoint_id'; id: string } {
  return 'subscriptionId' in owner
    ? { column: 'subscription_id', id: owner.subscriptionId }
    : { column: 'endpoint_id', id: owner.endpointId };
}

/**
 * Webhook signing secrets, sealed at rest. A secret is valid until its `expires_at` (none for the
 * current one); during a rotation's overlap the old and the new secret are both valid, so both sign.
 */
@Injectable()
export class SigningSecrets {
  constructor(private readonly box: SecretBox) {}

  /** Adds a fresh secret and returns it in clear (shown once to the caller, never stored so). */
  async issue(manager: EntityManager, owner: SecretOwner): Promise<string> {
    const secret = newWebhookSecret();
    const { column, id } = ownerColumn(owner);
    await manager.query(`INSERT INTO signing_secrets (id, ${column}, key_id, sealed) VALUES ($1, $2, $3, $4)`, [
      randomUUID(),
      id,
      this.box.currentKeyId,
      this.box.seal(secret),
    ]);
    return secret;
  }

  /** The current secrets expire after the overlap (now when 0) and a new one is issued. */
  async rotate(
    manager: EntityManager,
    owner: SecretOwner,
    overlapMinutes: number,
    now: Date,
  ): Promise<{ secret: string; previousValidUntil: Date }> {
    const { column, id } = ownerColumn(owner);
    const previousValidUntil = new Date(now.getTime() + overlapMinutes * 60_000);
    await manager.query(`UPDATE signing_secrets SET expires_at = $2 WHERE ${column} = $1 AND (expires_at IS NULL OR expires_at > $2)`, [
      id,
      previousValidUntil,
    ]);
    return { secret: await this.issue(manager, owner), previousValidUntil };
  }

  /** The secrets that sign at `now`, newest first, in clear. */
  async valid(manager: EntityManager, owner: SecretOwner, now: Date): Promise<string[]> {
    const { column, id } = ownerColumn(owner);
    const rows: { sealed: string }[] = await manager.query(
      `SELECT sealed FROM signing_secrets WHERE ${column} = $1 AND (expires_at IS NULL OR expires_at > $2) ORDER BY created_at DESC, id`,
      [id, now],
    );
    return rows.map((row) => this.box.open(row.sealed));
  }
}
