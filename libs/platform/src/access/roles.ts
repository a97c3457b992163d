import { SetMetadata } from '@nestjs/common';

/**
 * viewer: reads. operator: also acknowledges, silences, imports figures and runs pulls.
 * admin: also manages plans, goals, owners, recipients, routing, endpoints and keys.
 * integrator (API keys only): reads, posts figures.
 */
export const ROLES = ['admin', 'operator', 'viewer', 'integrator'] as const;
export type Role = (typeof ROLES)[number];

/** The roles a console user token may carry: never `integrator`, which stays an API-key role. */
export const USER_ROLES = ['viewer', 'operator', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

/** Every role: the read routes. */
export const READERS: Role[] = ['admin', 'operator', 'viewer', 'integrator'];
/** Acknowledge, silence, import figures, run pulls. */
export const OPERATORS: Role[] = ['admin', 'operator'];

export const ROLES_KEY = 'pejling:roles';
export const PUBLIC_KEY = 'pejling:public';
export const UNSCOPED_KEY = 'pejling:unscoped';

/** The roles allowed to call a route (or every route of a controller). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** A route anyone may call without an API key (`/health`, the docs, signed acknowledgement links); public data reads use @PublicRead(). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/**
 * A route that manages something not tied to one municipality (API keys, recipients, routing,
 * endpoints): only a principal with every municipality in scope may call it (403 otherwise).
 */
export const RequiresAllMunicipalities = () => SetMetadata(UNSCOPED_KEY, true);
