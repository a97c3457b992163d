import { QUEUE_BOARD_PATH } from '@pejling/platform';
import type { ServiceName } from '../../../services/service-errors';

/** The services that run Bull queues, each with Bull Board at /admin/queues (indicators has none). */
export const QUEUE_BOARD_SERVICES = ['notifications', 'goals', 'ingest'] as const satisfies readonly ServiceName[];
export type QueueBoardService = (typeof QUEUE_BOARD_SERVICES)[number];

/** Where the console serves a service's board, and where the service serves it. */
export const CONSOLE_BOARD_PATH = '/admin/queues';
export const SERVICE_BOARD_PATH = QUEUE_BOARD_PATH;

export function isQueueBoardService(name: string): name is QueueBoardService {
  return (QUEUE_BOARD_SERVICES as readonly string[]).includes(name);
}

export function consoleBoardPath(service: QueueBoardService): string {
  return `${CONSOLE_BOARD_PATH}/${service}`;
}

/** A change made on a board, as the audit log records it. */
export interface BoardChange {
  action: 'queue-job.retried' | 'queue.failed-jobs-retried';
  queue: string;
  jobId?: string;
}

/**
 * The changes the boards make (the services refuse every other one): retrying one failed job, or
 * every failed job of a queue. `path` is the board's own, after the service's mount.
 */
export function boardChangeOf(method: string, path: string): BoardChange | undefined {
  if (method !== 'PUT') return undefined;
  const all = /^\/api\/queues\/([^/]+)\/retry\/failed$/.exec(path);
  if (all) return { action: 'queue.failed-jobs-retried', queue: decodeURIComponent(all[1]) };
  const one = /^\/api\/queues\/([^/]+)\/([^/]+)\/retry$/.exec(path);
  if (one) return { action: 'queue-job.retried', queue: decodeURIComponent(one[1]), jobId: decodeURIComponent(one[2]) };
  return undefined;
}
