import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { z } from 'zod';
import { CONSOLE_ROLES } from '../web/viewer';
import type { Viewer } from '../web/viewer';

const sessionRow = z.object({
  token_hash: z.string(),
  csrf_token: z.string(),
  id: z.string(),
  email: z.string(),
  name: z.string(),
  role: z.enum(CONSOLE_ROLES),
  municipalities: z.array(z.string()),
  owner_id: z.string().nullable(),
  recipient_id: z.string().nullable(),
});

export interface ActiveSession {
  tokenHash: string;
  csrfToken: string;
  viewer: Viewer;
}

/** Server-side sessions: the cookie holds a random token, the table its keyed hash and the CSRF token. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(
    session: { tokenHash: string; userId: string; csrfToken: string; expiresAt: Date },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(`INSERT INTO console.sessions (token_hash, user_id, csrf_token, expires_at) VALUES ($1, $2, $3, $4)`, [
      session.tokenHash,
      session.userId,
      session.csrfToken,
      session.expiresAt,
    ]);
  }

  /** The live session of an active user, touching last_seen_at (at most once a minute). */
  async findActive(tokenHash: string): Promise<ActiveSession | undefined> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH touched AS (
         UPDATE console.sessions SET last_seen_at = now()
          WHERE token_hash = $1 AND expires_at > now() AND last_seen_at < now() - interval '1 minute'
       )
       SELECT s.token_hash, s.csrf_token, u.id, u.email, u.name, u.role, u.municipalities, u.owner_id, u.recipient_id
         FROM console.sessions s JOIN console.users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.expires_at > now() AND u.active`,
      [tokenHash],
    );
    if (!rows[0]) return undefined;
    const row = sessionRow.parse(rows[0]);
    return {
      tokenHash: row.token_hash,
      csrfToken: row.csrf_token,
      viewer: {
        id: row.id,
        email: row.email,
        name: row.name,
        role: row.role,
        municipalities: row.municipalities,
        ownerId: row.owner_id,
        recipientId: row.recipient_id,
      },
    };
  }

  async delete(tokenHash: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM console.sessions WHERE token_hash = $1`, [tokenHash]);
  }

  /** Ends every session of a user (deactivation, role or scope change, password reset). */
  async deleteForUser(userId: string, manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`DELETE FROM console.sessions WHERE user_id = $1`, [userId]);
  }

  async deleteExpired(manager: EntityManager = this.dataSource.manager): Promise<void> {
    await manager.query(`DELETE FROM console.sessions WHERE expires_at < now()`);
  }
}
