import { HttpException } from '@nestjs/common';

export const CSRF_FIELD = '_csrf';
export const CSRF_HEADER = 'x-csrf-token';

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
