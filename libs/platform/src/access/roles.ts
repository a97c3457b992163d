import { SetMetadata } from '@nestjs/common';

/**
 * admin: plans, goals and owners. operator: read and acknowledge. integrator: read events and
 * deliveries, post figures.
 */
export const ROLES = ['admin', 'operator', 'integrator'] as const;
export type Role = (typeof ROLES)[number];

export const ROLES_KEY = 'pejling:roles';
export const PUBLIC_KEY = 'pejling:public';

/** The roles allowed to call a route (or every route of a controller). */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** A route anyone may call without an API key (only `/health`). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}
