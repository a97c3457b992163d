import { SignInRequired } from './access-errors';
import type { ConsoleRequest, Viewer } from './viewer';

/** The signed-in viewer of a page the access guard let through (pages that are not @PublicPage()). */
export function signedIn(request: ConsoleRequest): Viewer {
  if (!request.viewer) throw new SignInRequired(request.originalUrl);
  return request.viewer;
}
