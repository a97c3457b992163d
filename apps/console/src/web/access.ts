import { SetMetadata } from '@nestjs/common';
import type { ConsoleRole } from './viewer';

export const PUBLIC_PAGE = 'console:public';
export const REQUIRED_ROLE = 'console:role';

/** A page anyone may open without signing in (sign-in, password reset, accessibility statement, /health). */
export const PublicPage = () => SetMetadata(PUBLIC_PAGE, true);

/** The least role a page or action needs (viewer by default). The services check again with the user token. */
export const RequireRole = (role: ConsoleRole) => SetMetadata(REQUIRED_ROLE, role);
