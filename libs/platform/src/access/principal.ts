import { ForbiddenException, NotFoundException } from '@nestjs/common';
import type { Request } from 'express';
import { Role } from './roles';

/** Who is calling: a console user (signed token) or an API key. API keys are never scoped. */
export interface Principal {
  kind: 'user' | 'api-key';
  id: string;
  name: string;
  /** Users only. */
  email?: string;
  role: Role;
  /** 3-digit municipality codes the principal may see and act on; `['*']` means all. */
  municipalities: string[];
}

type WithPrincipal = Request & { principal?: Principal };

export const ALL_MUNICIPALITIES = '*';

/** The principal the guard set. Routes without one (`@Public()`) must not call this. */
export function principalOf(request: Request): Principal {
  const principal = (request as WithPrincipal).principal;
  if (!principal) throw new Error('No principal on the request: the route is public or the guard did not run.');
  return principal;
}

/** The author of a change for version history and audit: a user's email, a key's name. */
export function authorOf(request: Request): string {
  const principal = (request as WithPrincipal).principal;
  return principal ? authorOfPrincipal(principal) : 'unknown';
}

export function authorOfPrincipal(principal: Principal): string {
  return principal.kind === 'user' ? (principal.email ?? principal.name) : principal.name;
}

export function isUnscoped(principal: Principal): boolean {
  return principal.municipalities.includes(ALL_MUNICIPALITIES);
}

/**
 * The municipality filter a repository applies to a list: `null` means every municipality.
 * A municipality asked for in the query narrows it; one outside the scope gives an empty list.
 */
export function scopeFilter(principal: Principal, requested?: string | null): string[] | null {
  if (isUnscoped(principal)) return requested ? [requested] : null;
  if (!requested) return [...principal.municipalities];
  return principal.municipalities.includes(requested) ? [requested] : [];
}

export function inScope(principal: Principal, municipality: string | null | undefined): boolean {
  if (isUnscoped(principal)) return true;
  return municipality != null && principal.municipalities.includes(municipality);
}

/** A single resource out of scope is a 404, as if it did not exist: a scoped user learns nothing of others. */
export function assertVisible(principal: Principal, municipality: string | null | undefined, notFoundMessage: string): void {
  if (!inScope(principal, municipality)) throw new NotFoundException(notFoundMessage);
}

/** A write out of scope is a 403 naming the municipality. */
export function assertInScope(principal: Principal, municipality: string | null | undefined, what = 'this'): void {
  if (inScope(principal, municipality)) return;
  const where = municipality ? `municipality ${municipality}` : 'no municipality (a scoped principal must name one of its own)';
  throw new ForbiddenException(`You may not change ${what} in ${where}: your scope is ${principal.municipalities.join(', ')}.`);
}

/** Managing things that are not tied to a municipality (API keys, endpoints) needs an unscoped principal. */
export function assertUnscoped(principal: Principal, what: string): void {
  if (!isUnscoped(principal)) {
    throw new ForbiddenException(
      `Only a principal with every municipality in scope may manage ${what}; your scope is ${principal.municipalities.join(', ')}.`,
    );
  }
}
