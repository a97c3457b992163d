import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

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

/** The runs (attempts) of Jobindsats pulls: every statement on `pull_runs`. */
@Injectable()
export class PullRunsRepository {
  constructor(private readonly dataSource: DataSource) {}

  async start(
    run: { id: string; pullId: string; table: string; trigger: string; attempt: number },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(`INSERT INTO pull_runs (id, pull_id, table_id, trigger, attempt, status) VALUES ($1, $2, $3, $4, $5, 'running')`, [
      run.id,
      run.pullId,
      run.table,
      run.trigger,
      run.attempt,
    ]);
  }

  async succeeded(
    id: string,
    outcome: { periods: string[]; importId: string; withheld: unknown },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `UPDATE pull_runs SET status = 'succeeded', periods = $2, import_id = $3, withheld = $4, finished_at = now() WHERE id = $1`,
      [id, JSON.stringify(outcome.periods), outcome.importId, outcome.withheld],
    );
  }

  async failed(
    id: string,
    outcome: { periods: string[]; error: string; willRetry: boolean },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<void> {
    await manager.query(
      `UPDATE pull_runs SET status = 'failed', periods = $2, error = $3, will_retry = $4, finished_at = now() WHERE id = $1`,
      [id, JSON.stringify(outcome.periods), outcome.error, outcome.willRetry],
    );
  }

  /** Each table's newest run. */
  latestPerTable(manager: EntityManager = this.dataSource.manager): Promise<LatestPullRun[]> {
    return manager.query(
      `SELECT DISTINCT ON (table_id) table_id AS "table", status, attempt, periods, import_id AS "importId", error, started_at AS "startedAt", finished_at AS "finishedAt"
         FROM pull_runs ORDER BY table_id, started_at DESC`,
    );
  }

  /** At most 200 runs, newest first, of one table and/or one pull. */
  recent(filter: { table?: string; pullId?: string }, manager: EntityManager = this.dataSource.manager): Promise<PullRunRow[]> {
    return manager.query(
      `SELECT id, pull_id AS "pullId", table_id AS "table", trigger, attempt, status, periods, import_id AS "importId", withheld, error,
              will_retry AS "willRetry", started_at AS "startedAt", finished_at AS "finishedAt"
         FROM pull_runs WHERE ($1::text IS NULL OR table_id = $1) AND ($2::uuid IS NULL OR pull_id = $2::uuid)
        ORDER BY started_at DESC LIMIT 200`,
      [filter.table ?? null, filter.pullId ?? null],
    );
  }
}
