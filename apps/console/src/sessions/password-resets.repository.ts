import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';

const resetRow = z.object({ user_id: z.string() });
const count = z.object({ n: z.coerce.number() });

/** Single-use, expiring password-reset tokens (only their hash is stored). */
@Injectable()
export class PasswordResetsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(tokenHash: string, userId: string, expiresAt: Date): Promise<void> {
    await this.dataSource.query(`INSERT INTO console.password_resets (token_hash, user_id, expires_at) VALUES ($1, $2, $3)`, [
      tokenHash,
      userId,
      expiresAt,
    ]);
  }

  /** Whether the token is unused and unexpired (the form is shown only then). */
  async findUsable(tokenHash: string): Promise<{ userId: string } | undefined> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT user_id FROM console.password_resets WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now()`,
      [tokenHash],
    );
    return rows[0] ? { userId: resetRow.parse(rows[0]).user_id } : undefined;
  }

  /** Uses the token once: the update is the check, so two concurrent uses cannot both succeed. */
  async consume(tokenHash: string, manager: EntityManager): Promise<{ userId: string } | undefined> {
    const rows: unknown[] = await manager.query(
      `UPDATE console.password_resets SET used_at = now() WHERE token_hash = $1 AND used_at IS NULL AND expires_at > now() RETURNING user_id`,
      [tokenHash],
    );
    const row = (rows as unknown[][])[0]?.[0];
    return row ? { userId: resetRow.parse(row).user_id } : undefined;
  }

  /** Reset links made for the user since `since`, used or not (the reset emails sent to the account). */
  async countCreatedSince(userId: string, since: Date): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `SELECT count(*) AS n FROM console.password_resets WHERE user_id = $1 AND created_at > $2`,
      [userId, since],
    );
    return count.parse(rows[0]).n;
  }

  /** A new reset or a completed one voids the user's other links. */
  async voidForUser(userId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`UPDATE console.password_resets SET used_at = now() WHERE user_id = $1 AND used_at IS NULL`, [userId]);
  }
}
