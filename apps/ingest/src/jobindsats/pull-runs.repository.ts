import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface LatestPullRun {
  table: string;
  status: string;
  attempt: number;
  periods: string[] | null;
  importId: string | null;
  error: string | null;
  startedAt: Date;
  finishedAt: Date | null;
}

export interface PullRunRow extends LatestPullRun {
  id: string;
  pullId: string;
  trigger: string;
  withheld: unknown;
  willRetry: boolean | null;
}

/** Reads of the pull runs the pull runner records. */
@Injectable()
export class PullRunsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Each table's newest run. */
  latestPerTable(): Promise<LatestPullRun[]> {
    return this.dataSource.query(
      `SELECT DISTINCT ON (table_id) table_id AS "table", status, attempt, periods, import_id AS "importId", error, started_at AS "startedAt", finished_at AS "finishedAt"
         FROM pull_runs ORDER BY table_id, started_at DESC`,
    );
  }

  /** At most 200 runs, newest first, of one table and/or one pull. */
  recent(filter: { table?: string; pullId?: string }): Promise<PullRunRow[]> {
    return this.dataSource.query(
      `SELECT id, pull_id AS "pullId", table_id AS "table", trigger, attempt, status, periods, import_id AS "importId", withheld, error,
              will_retry AS "willRetry", started_at AS "startedAt", finished_at AS "finishedAt"
         FROM pull_runs WHERE ($1::text IS NULL OR table_id = $1) AND ($2::uuid IS NULL OR pull_id = $2::uuid)
        ORDER BY started_at DESC LIMIT 200`,
      [filter.table ?? null, filter.pullId ?? null],
    );
  }
}
