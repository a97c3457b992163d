import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { z } from 'zod';

const countsSchema = z.array(z.object({ state: z.string(), n: z.number().int() }));

/** Counts for /metrics: evaluations stored, and goals in each state now. */
@Injectable()
export class GoalCountsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async evaluationsByState(): Promise<{ state: string; n: number }[]> {
    return countsSchema.parse(await this.dataSource.query('SELECT state, count(*)::int AS n FROM evaluations GROUP BY state'));
  }

  async goalsByState(): Promise<{ state: string; n: number }[]> {
    return countsSchema.parse(await this.dataSource.query('SELECT state, count(*)::int AS n FROM goal_states GROUP BY state'));
  }
}
