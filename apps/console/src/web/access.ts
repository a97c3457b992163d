import { SetMetadata } from '@nestjs/common';
import type { ConsoleRole } from './viewer';

export const PUBLIC_PAGE = 'console:public';
export const OPEN_DATA_PAGE = 'console:open-data';
export const REQUIRED_ROLE = 'console:role';
/** Marks the REST API's routes, which authenticate with API keys (see api/api-key-auth.guard), not sessions. */
export const API_ROUTE = 'console:api';

/** A page anyone may open without signing in (sign-in, password reset, accessibility statement, /health). */
export const PublicPage = () => SetMetadata(PUBLIC_PAGE, true);

/**
 * A read-only page for everyone, signed in or not (the public transparency page): the session is
 * not even looked up, so the page never carries a viewer's name and may be cached publicly, and it
 * sets no cookie. Only GET routes may carry it (they change nothing, so no CSRF token is needed).
 */
export const OpenDataPage = () => SetMetadata(OPEN_DATA_PAGE, true);

/** The least role a page or action needs (viewer by default). The services check again with the user token. */
export const RequireRole = (role: ConsoleRole) => SetMetadata(REQUIRED_ROLE, role);
