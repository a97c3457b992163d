import type { NextFunction, Request, Response } from 'express';
import { assertUnscoped } from '../access/principal';
import { assertRole, PrincipalResolver } from '../access/principal-resolver';

/**
 * Express middleware in front of the board: Nest's guards do not reach a mounted Express app, so
 * the board checks the credential itself, with the guard's resolver and messages. Only an admin
 * with every municipality in scope gets in: a queue's jobs belong to no one municipality. A refusal
 * is thrown, so Nest's exception filter answers it as JSON like any other route's.
 */
export function admitUnscopedAdmins(principals: PrincipalResolver) {
  return async (request: Request, _response: Response, next: NextFunction): Promise<void> => {
    const principal = await principals.resolve(request);
    assertRole(principal, ['admin']);
    assertUnscoped(principal, 'the queues');
    next();
  };
}
