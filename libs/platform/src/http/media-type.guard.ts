import { CanActivate, ExecutionContext, HttpException, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { API_DOC_KEY, ApiDocSpec } from '../openapi/api-doc';

/** Other names clients send a documented type under (YAML's older types; CSV as spreadsheets and curl label it). */
const ALIASES: Record<string, string[]> = {
  'application/yaml': ['application/x-yaml', 'text/yaml'],
  'text/csv': ['application/csv', 'text/plain', 'application/octet-stream'],
};

/** The media types a route's documented body may come as: its listed ones (with their aliases), or JSON for a schema. */
export function acceptedMediaTypes(doc: ApiDocSpec | undefined): string[] | undefined {
  if (!doc?.body) return undefined;
  const listed = Array.isArray(doc.body) ? doc.body.map((body) => body.contentType) : ['application/json'];
  return listed.flatMap((type) => [type, ...(ALIASES[type] ?? [])]);
}

/**
 * A body sent as a media type its route does not take is a 415 naming the ones it does: a form
 * or a file posted to a JSON route would otherwise reach the handler as no body at all, and a
 * route whose fields are all optional would act on it. Routes without a documented body are left alone.
 */
@Injectable()
export class MediaTypeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<Request>();
    if (!['POST', 'PUT', 'PATCH'].includes(request.method) || !hasBody(request)) return true;
    const accepted = acceptedMediaTypes(this.reflector.get<ApiDocSpec | undefined>(API_DOC_KEY, context.getHandler()));
    if (!accepted) return true;
    const type = (request.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (accepted.includes(type)) return true;
    throw new HttpException(
      {
        statusCode: 415,
        error: 'Unsupported Media Type',
        message: `Send the body as ${listedOnly(accepted).join(' or ')} (got '${type || 'no content-type'}').`,
      },
      415,
    );
  }
}

function hasBody(request: Request): boolean {
  return request.headers['transfer-encoding'] !== undefined || Number(request.headers['content-length'] ?? 0) > 0;
}

const listedOnly = (types: string[]) => types.filter((type) => !Object.values(ALIASES).flat().includes(type));
