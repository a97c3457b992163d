import { createHash } from 'node:crypto';
import type { Request, Response } from 'express';

/**
 * Sends a public, cacheable answer: `Cache-Control: public, max-age=…`, a strong ETag of the body,
 * and 304 Not Modified when the browser already has it (If-None-Match).
 */
export function sendCacheable(request: Request, response: Response, body: string, contentType: string, maxAgeSeconds: number): void {
  const etag = `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`;
  response.setHeader('cache-control', maxAgeSeconds > 0 ? `public, max-age=${maxAgeSeconds}` : 'no-cache');
  response.setHeader('etag', etag);
  response.setHeader('vary', 'Cookie');
  if (matches(request.headers['if-none-match'], etag)) {
    response.status(304).end();
    return;
  }
  response.status(200).type(contentType).send(body);
}

function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(',').some((candidate) => candidate.trim().replace(/^W\//, '') === etag || candidate.trim() === '*');
}
