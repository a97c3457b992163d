import type { Request } from 'express';

export const CONSOLE_ROLES = ['viewer', 'operator', 'admin'] as const;
export type ConsoleRole = (typeof CONSOLE_ROLES)[number];

/** The signed-in person, as every page and the services' user token see them. */
export interface Viewer {
  id: string;
  email: string;
  name: string;
  role: ConsoleRole;
  /** 3-digit municipality codes the user may act on; ['*'] means all. */
  municipalities: string[];
  ownerId: string | null;
  recipientId: string | null;
}

export interface ConsoleSession {
  tokenHash: string;
  csrfToken: string;
}

/** What the access guard attaches to a request. */
export interface ConsoleRequest extends Request {
  viewer?: Viewer;
  consoleSession?: ConsoleSession;
  /** CSRF token of a signed-out form (sign-in, password reset), bound to a cookie. */
  anonymousCsrf?: string;
}

const RANK: Record<ConsoleRole, number> = { viewer: 0, operator: 1, admin: 2 };

/** Whether the viewer's role includes the given one (admin ⊃ operator ⊃ viewer). */
export function hasRole(viewer: Viewer | undefined, role: ConsoleRole): boolean {
  return viewer !== undefined && RANK[viewer.role] >= RANK[role];
}

export function coversAll(viewer: Viewer): boolean {
  return viewer.municipalities.includes('*');
}
