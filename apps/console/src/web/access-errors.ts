import { HttpException } from '@nestjs/common';

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';
/**
 * The same token under axios's names: a third-party page served through the console (the queue
 * board) cannot be taught our header, but axios reads the XSRF-TOKEN cookie and sends it back as
 * X-XSRF-TOKEN on same-origin requests. The value is still the session's synchronizer token.
 */
export const AXIOS_CSRF_COOKIE = 'XSRF-TOKEN';
export const AXIOS_CSRF_HEADER = 'x-xsrf-token';

/** Raised when a state-changing request lacks the right CSRF token (rendered as 403 with what to do). */
export class CsrfRejected extends HttpException {
  constructor() {
    super('CSRF token missing or wrong', 403);
  }
}

/** A page that needs a session was opened without one: GETs go to the sign-in page. */
export class SignInRequired extends HttpException {
  constructor(readonly next: string) {
    super('sign-in required', 401);
  }
}
