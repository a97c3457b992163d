import { CanActivate, ExecutionContext, ForbiddenException, Inject, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { SERVICE_ENV, ServiceEnv } from '../service-spec';
import { isApiKey } from './api-key-secret';
import { ApiKeysRepository } from './api-keys.repository';
import { isUnscoped, Principal } from './principal';
import { isPublicReadRoute, PUBLIC_READ_KEY } from './public-read';
import { PUBLIC_KEY, Role, ROLES_KEY, UNSCOPED_KEY } from './roles';
import { UserTokenError, verifyUserToken } from './user-token';

/**
 * Every HTTP route needs a principal with one of the route's roles, except routes marked @Public()
 * and GET/HEAD routes under /v1/public/ marked @PublicRead() (the transparency page): an API key (`pjl_…`) or a console user token (a JWT signed with CONSOLE_TOKEN_SECRET).
 * Sets `request.principal`.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly apiKeys: ApiKeysRepository,
    @Inject(SERVICE_ENV) private readonly env: ServiceEnv,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { principal?: Principal }>();
    // The route's own pattern (not the URL asked for): the marker opens only what it was written on.
    const routePath = (request.route as { path?: unknown } | undefined)?.path;
    if (
      this.reflector.getAllAndOverride<boolean>(PUBLIC_READ_KEY, targets) &&
      typeof routePath === 'string' &&
      isPublicReadRoute(request.method, routePath)
    )
      return true;
    const credential = extractCredential(request);
    if (!credential) {
      throw new UnauthorizedException(
        'Missing API key or user token: send it as "Authorization: Bearer <key or token>" or "X-API-Key: <key>".',
      );
    }
    const principal = isApiKey(credential) ? await this.apiKeyPrincipal(credential) : await this.userPrincipal(credential);
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? ['admin'];
    if (!allowed.includes(principal.role)) {
      const who = principal.kind === 'user' ? `the user '${principal.email ?? principal.name}'` : `the key '${principal.name}'`;
      throw new ForbiddenException(`This endpoint requires the role ${allowed.join(' or ')}; ${who} has the role ${principal.role}.`);
    }
    if (this.reflector.getAllAndOverride<boolean>(UNSCOPED_KEY, targets) && !isUnscoped(principal)) {
      throw new ForbiddenException(
        `This endpoint manages what is shared by every municipality; your scope is ${principal.municipalities.join(', ')}.`,
      );
    }
    request.principal = principal;
    return true;
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

function extractCredential(request: Request): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim() || undefined;
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey.trim() || undefined : undefined;
}
