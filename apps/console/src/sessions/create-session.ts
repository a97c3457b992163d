import type { EntityManager } from 'typeorm';
import type { ConsoleEnv } from '../console.env';
import { randomToken, tokenHash } from '../web/tokens';
import type { SessionsRepository } from './sessions.repository';

/** A new session for a user: the cookie's token (returned once) and its CSRF token. */
export async function createSession(
  sessions: SessionsRepository,
  env: ConsoleEnv,
  userId: string,
  manager: EntityManager,
): Promise<string> {
  const token = randomToken();
  await sessions.insert(
    {
      tokenHash: tokenHash(env.SESSION_SECRET, token),
      userId,
      csrfToken: randomToken(),
      expiresAt: new Date(Date.now() + env.SESSION_TTL_HOURS * 3_600_000),
    },
    manager,
  );
  return token;
}
