import { ForbiddenException, Injectable } from '@nestjs/common';
import { z } from 'zod';
import { ServiceUnavailable } from '../../../services/service-errors';
import { ServicesClient } from '../../../services/services-client';
import { coversAll, type Viewer } from '../../../web/viewer';
import { QUEUE_BOARD_SERVICES, QueueBoardService, SERVICE_BOARD_PATH } from './queue-boards';

// Bull Board's own answer (GET /api/queues), read for the counts only.
const boardQueues = z.object({
  queues: z.array(z.looseObject({ name: z.string(), counts: z.record(z.string(), z.number()), isPaused: z.boolean().optional() })),
});

export type ServiceQueues =
  | { service: QueueBoardService; ok: true; queues: { name: string; counts: Record<string, number>; paused: boolean }[] }
  | { service: QueueBoardService; ok: false };

/** Each service's queues with their jobs by state, from its board's API; a service that does not answer is shown as such, the others still are. */
@Injectable()
export class LoadQueues {
  constructor(private readonly services: ServicesClient) {}

  async execute(viewer: Viewer): Promise<ServiceQueues[]> {
    // The queues' jobs belong to no one municipality (the services refuse a scoped admin too).
    if (!coversAll(viewer)) throw new ForbiddenException('only unscoped admins see the queues');
    const client = this.services.forUser(viewer);
    return Promise.all(
      QUEUE_BOARD_SERVICES.map(async (service): Promise<ServiceQueues> => {
        try {
          const { queues } = await client.get(service, `${SERVICE_BOARD_PATH}/api/queues`, boardQueues);
          const rows = queues.map((queue) => ({ name: queue.name, counts: queue.counts, paused: queue.isPaused === true }));
          return { service, ok: true, queues: rows.sort((a, b) => a.name.localeCompare(b.name)) };
        } catch (error) {
          if (error instanceof ServiceUnavailable) return { service, ok: false };
          throw error;
        }
      }),
    );
  }
}
