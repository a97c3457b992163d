import { ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import type { Request } from 'express';
import { SERVICE_ENV, ServiceEnv } from '../service-spec';
import { isApiKey } from './api-key-secret';
import { ApiKeysRepository } from './api-keys.repository';
import { Principal } from './principal';
import { Role } from './roles';
import { UserTokenError, verifyUserToken } from './user-token';

/**
 * Who a request's credential names: an API key (`pjl_…`) or a console user token (a JWT signed with
 * CONSOLE_TOKEN_SECRET), sent as `Authorization: Bearer …` or `X-API-Key: …`. Shared by the guard of
 * the controllers and by middleware that Nest's guards do not reach (the queue board), so both admit
 * exactly the same principals with the same 401 messages.
 */
@Injectable()
export class PrincipalResolver {
  constructor(
    private readonly apiKeys: ApiKeysRepository,
    @Inject(SERVICE_ENV) private readonly env: ServiceEnv,
  ) {}

  /** The principal, or a 401 naming what is missing or wrong (never the credential itself). */
  async resolve(request: Request): Promise<Principal> {
    const credential = extractCredential(request);
    if (!credential) {
      throw new UnauthorizedException(
        'Missing API key or user token: send it as "Authorization: Bearer <key or token>" or "X-API-Key: <key>".',
      );
    }
    return isApiKey(credential) ? this.apiKeyPrincipal(credential) : this.userPrincipal(credential);
  }

  private async apiKeyPrincipal(key: string): Promise<Principal> {
    const record = await this.apiKeys.findActive(key);
    if (!record) throw new UnauthorizedException('Unknown or revoked API key.');
    return { kind: 'api-key', id: record.id, name: record.name, role: record.role, municipalities: ['*'] };
  }

  private async userPrincipal(token: string): Promise<Principal> {
    const secret = this.env.CONSOLE_TOKEN_SECRET;
    if (!secret)
      throw new UnauthorizedException('User tokens are not accepted by this service (CONSOLE_TOKEN_SECRET is not set); use an API key.');
    try {
      return await verifyUserToken(token, secret);
    } catch (error) {
      if (error instanceof UserTokenError) throw new UnauthorizedException(error.message);
      throw error;
    }
  }
}

/** A 403 naming the roles a route needs and the one the principal has. */
export function assertRole(principal: Principal, allowed: readonly Role[]): void {
  if (allowed.includes(principal.role)) return;
  const who = principal.kind === 'user' ? `the user '${principal.email ?? principal.name}'` : `the key '${principal.name}'`;
  throw new ForbiddenException(`This endpoint requires the role ${allowed.join(' or ')}; ${who} has the role ${principal.role}.`);
}

function extractCredential(request: Request): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim() || undefined;
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey.trim() || undefined : undefined;
}
