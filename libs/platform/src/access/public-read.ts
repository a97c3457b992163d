import { SetMetadata } from '@nestjs/common';

export const PUBLIC_READ_KEY = 'pejling:public-read';

/** Every public read route lives under this prefix, so a reviewer (and a proxy) sees at once what needs no principal. */
export const PUBLIC_READ_PREFIX = '/v1/public/';

const READ_METHODS = new Set(['GET', 'HEAD']);

/**
 * A read-only route for the public transparency page: no API key or user token. Unlike @Public()
 * (health, docs, signed links), the guard honours it only for a GET or HEAD under /v1/public/, so
 * the marker cannot open a write or any other route by mistake (there it is ignored and the route
 * still needs a principal). A route marked so must answer only what its owners chose to publish.
 */
export const PublicRead = () => SetMetadata(PUBLIC_READ_KEY, true);

/** Whether a route marked @PublicRead() may really be called without a principal: its method and its route pattern. */
export function isPublicReadRoute(method: string, routePath: string): boolean {
  return READ_METHODS.has(method.toUpperCase()) && routePath.startsWith(PUBLIC_READ_PREFIX) && !routePath.includes('..');
}
