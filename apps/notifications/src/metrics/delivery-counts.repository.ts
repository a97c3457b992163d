import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';

const countsSchema = z.array(z.object({ channel: z.string(), status: z.string(), n: z.number().int() }));

/** Deliveries by channel and status, for /metrics. */
@Injectable()
export class DeliveryCountsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async byStatus(): Promise<{ channel: string; status: string; n: number }[]> {
    return countsSchema.parse(
      await this.dataSource.query(`SELECT channel, status, count(*)::int AS n FROM deliveries GROUP BY channel, status`),
    );
  }
}
