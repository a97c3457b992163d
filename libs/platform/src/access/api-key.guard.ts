import { CanActivate, ExecutionContext, ForbiddenException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { isUnscoped, Principal } from './principal';
import { assertRole, PrincipalResolver } from './principal-resolver';
import { isPublicReadRoute, PUBLIC_READ_KEY } from './public-read';
import { PUBLIC_KEY, Role, ROLES_KEY, UNSCOPED_KEY } from './roles';

/**
 * Every HTTP route needs a principal with one of the route's roles, except routes marked @Public()
 * and GET/HEAD routes under /v1/public/ marked @PublicRead() (the transparency page): an API key (`pjl_…`) or a console user token (a JWT signed with CONSOLE_TOKEN_SECRET).
 * Sets `request.principal`.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly principals: PrincipalResolver,
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
    const principal = await this.principals.resolve(request);
    assertRole(principal, this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? ['admin']);
    if (this.reflector.getAllAndOverride<boolean>(UNSCOPED_KEY, targets) && !isUnscoped(principal)) {
      throw new ForbiddenException(
        `This endpoint manages what is shared by every municipality; your scope is ${principal.municipalities.join(', ')}.`,
      );
    }
    request.principal = principal;
    return true;
  }
}
