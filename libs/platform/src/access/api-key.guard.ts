import { CanActivate, ExecutionContext, ForbiddenException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { DataSource } from 'typeorm';
import type { Request } from 'express';
import { findApiKey } from './api-keys';
import { PUBLIC_KEY, Role, ROLES_KEY } from './roles';

/** Every HTTP route needs an API key with one of the route's roles, except routes marked @Public(). */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly dataSource: DataSource,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;
    const request = context.switchToHttp().getRequest<Request & { apiKey?: unknown }>();
    const key = extractKey(request);
    if (!key) throw new UnauthorizedException('Missing API key: send it as "Authorization: Bearer <key>" or "X-API-Key: <key>".');
    const record = await findApiKey(this.dataSource, key);
    if (!record) throw new UnauthorizedException('Unknown or revoked API key.');
    const allowed = this.reflector.getAllAndOverride<Role[]>(ROLES_KEY, targets) ?? ['admin'];
    if (!allowed.includes(record.role)) {
      throw new ForbiddenException(`This endpoint requires the role ${allowed.join(' or ')}; the key '${record.name}' has the role ${record.role}.`);
    }
    request.apiKey = record;
    return true;
  }
}

function extractKey(request: Request): string | undefined {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice('Bearer '.length).trim();
  const apiKey = request.headers['x-api-key'];
  return typeof apiKey === 'string' ? apiKey.trim() : undefined;
}
