import { scrubText } from '@pejling/domain-kernel';
import type { BoardHooks, HookContext } from '@bull-board/api/typings/app';

/**
 * The only changes the board makes: retrying failed jobs, one or all of a queue's. A retry runs the
 * job's own code again, which decides from the service's tables whether anything is still to do (a
 * delivery that is delivered or dead is left alone; the delivery log's "Send igen" revives a dead
 * one). Everything else Bull Board offers bypasses that bookkeeping or loses work without a trace:
 * removing, cleaning, emptying or obliterating jobs, adding or editing them, promoting a delayed job
 * past its backoff or group window, pausing a queue (alerts would stop silently), changing its
 * concurrency or rate limit. Those answer 403.
 */
const ALLOWED_WRITES: readonly ((context: HookContext) => boolean)[] = [
  ({ method, route }) => method === 'put' && route === '/api/queues/:queueName/:jobId/retry',
  ({ method, route, request }) =>
    method === 'put' && route === '/api/queues/:queueName/retry/:queueStatus' && request.params.queueStatus === 'failed',
];

export function isAllowedBoardAction(context: HookContext): boolean {
  return context.method === 'get' || ALLOWED_WRITES.some((allowed) => allowed(context));
}

export const REFUSED_ACTION_MESSAGE =
  'The queue board only retries failed jobs. Removing, cleaning, adding, editing, promoting or pausing would bypass what the service records about its work.';

/** Every string of an answer with URLs cut to their host and email addresses masked (a failed job's reason and stack trace may name a channel target). */
export function scrubStrings(value: unknown): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (Array.isArray(value)) return value.map(scrubStrings);
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, field]) => [key, scrubStrings(field)]));
  }
  return value;
}

/** Bull Board's handler hooks: the allow-list before a handler runs, the scrubbing after. */
export const BOARD_HOOKS: BoardHooks = {
  before: (context) => (isAllowedBoardAction(context) ? { allow: true } : { allow: false, status: 403, message: REFUSED_ACTION_MESSAGE }),
  after: (_context, result) => ({ ...result, body: scrubStrings(result.body) as typeof result.body }),
};
