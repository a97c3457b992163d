import { createBullBoard } from '@bull-board/api';
import { BullAdapter } from '@bull-board/api/bullAdapter';
import type { Queue } from 'bull';
import type { RequestHandler } from 'express';
import { BOARD_HOOKS } from './board-actions';
import { ForwardedPrefixAdapter } from './forwarded-prefix-adapter';

/** Where every service that runs Bull queues serves its board (HTML, assets and JSON API). */
export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * Bull Board over a service's Bull queues: their counts, jobs, failures and logs, and the retry of
 * failed jobs (see board-actions). Its answers never carry a URL's path or an email address.
 */
export function queueBoardRouter(service: string, queues: readonly Queue[]): RequestHandler {
  const adapter = new ForwardedPrefixAdapter();
  createBullBoard({
    queues: queues.map((queue) => new BullAdapter(queue, { description: `${service} · ${queue.name}` })),
    serverAdapter: adapter,
    options: {
      uiConfig: { boardTitle: `Pejling ${service}`, hideDocsLink: true },
      handlerHooks: BOARD_HOOKS,
    },
  });
  return adapter.getRouter() as RequestHandler;
}
