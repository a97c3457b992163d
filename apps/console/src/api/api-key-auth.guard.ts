import { CanActivate, ExecutionContext, ForbiddenException, Injectable, SetMetadata, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { API_ROUTE } from '../web/access';
import type { ConsoleRequest, Viewer } from '../web/viewer';
import { API_KEY_PREFIX, ApiKeysRepository, Role } from '@pejling/platform';

const API_ROLES = 'console:api-roles';

/** A route of the console's REST API: an API key instead of a session, JSON errors, no CSRF (nothing ambient to forge). */
export const ApiRoute = () => SetMetadata(API_ROUTE, true);
/** The API key roles a route admits. */
export const ApiRoles = (...roles: Role[]) => SetMetadata(API_ROLES, roles);

/**
 * Authenticates the console's REST API with the platform's API keys (`Authorization: Bearer pjl_…`,
 * the same keys the services take) and acts as the key: the services get a user token of the key's
 * role (an integrator key reads as a viewer), for every municipality, as the key would have itself.
 */
@Injectable()
export class ApiKeyAuth implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeysRepository,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<ConsoleRequest>();
    const header = request.headers.authorization;
    const key = header?.startsWith('Bearer ')
      ? header.slice('Bearer '.length).trim()
      : typeof request.headers['x-api-key'] === 'string'
        ? request.headers['x-api-key']
        : '';
    if (!key.startsWith(API_KEY_PREFIX))
      throw new UnauthorizedException('Missing API key: send it as "Authorization: Bearer <key>" or "X-API-Key: <key>".');
    const record = await this.keys.findActive(key);
    if (!record) throw new UnauthorizedException('Unknown or revoked API key.');
    const allowed = this.reflector.getAllAndOverride<Role[]>(API_ROLES, [context.getHandler(), context.getClass()]) ?? ['admin'];
    if (!allowed.includes(record.role))
      throw new ForbiddenException(
        `This endpoint requires the role ${allowed.join(' or ')}; the key '${record.name}' has the role ${record.role}.`,
      );
    request.viewer = apiKeyViewer(record);
    return true;
  }
}

function apiKeyViewer(record: { id: string; name: string; role: Role }): Viewer {
  const role = record.role === 'integrator' ? 'viewer' : record.role;
  return {
    id: record.id,
    email: `key-${record.id.slice(0, 8)}@api-keys.pejling.local`,
    name: `API key ${record.name}`,
    role,
    municipalities: ['*'],
    ownerId: null,
    recipientId: null,
  };
}
