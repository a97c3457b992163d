import { Inject, Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { createEvent, NATIONAL_KEY } from '@pejling/contracts';
import { choosePullPeriods, JOBINDSATS_TABLES, mapJobindsatsResponse, resolveMunicipality } from '@pejling/domain-figures';
import { findMunicipality, parsePeriod } from '@pejling/domain-kernel';
import { SERVICE_ENV, Transactions } from '@pejling/platform';
import { ImportRunner } from '../imports/import-runner';
import { UnusableInput } from '../imports/unusable-input';
import { IngestEnv, PullConfig } from '../ingest.env';
import { JobindsatsClient, PermanentPullError } from './jobindsats-client';
import { PullRunsRepository } from './pull-runs.repository';

export interface PullJob {
  /** Same id over all attempts of one pull. */
  pullId: string;
  table: string;
  trigger: 'schedule' | 'manual';
}

export interface PullAttempt {
  attempt: number;
  maxAttempts: number;
}

export type PullResult = { status: 'succeeded'; importId: string } | { status: 'failed'; error: string; permanent: boolean };

/**
 * One attempt of a pull: asks the table for its periods, fetches the data, maps it and stores it
 * through the import runner (all-or-nothing: a single unreadable cell stores nothing), with
 * `pull.completed` in the same transaction. A failure is recorded and published as `pull.failed`,
 * saying whether another attempt follows.
 */
@Injectable()
export class PullRunner {
  private readonly logger = new Logger(PullRunner.name);
  private readonly client: JobindsatsClient;

  constructor(
    private readonly imports: ImportRunner,
    private readonly transactions: Transactions,
    private readonly pullRuns: PullRunsRepository,
    @Inject(SERVICE_ENV) private readonly env: IngestEnv,
  ) {
    this.client = new JobindsatsClient(env.JOBINDSATS_BASE_URL, env.JOBINDSATS_API_KEY ?? '', env.JOBINDSATS_TIMEOUT_MS);
  }

  configOf(table: string): PullConfig {
    return this.env.JOBINDSATS_PULLS.find((pull) => pull.table === table) ?? { table, cron: '', areas: '*', periods: { latest: 3 } };
  }

  async run(job: PullJob, attempt: PullAttempt): Promise<PullResult> {
    const runId = randomUUID();
    const config = this.configOf(job.table);
    const table = JOBINDSATS_TABLES[job.table];
    await this.pullRuns.start({ id: runId, pullId: job.pullId, table: job.table, trigger: job.trigger, attempt: attempt.attempt });
    let periods: string[] = [];
    try {
      if (!table) throw new PermanentPullError(`Pejling does not know how to read table ${job.table}`);
      periods = choosePullPeriods(await this.client.periods(job.table), config.periods, config.kind);
      if (periods.length === 0)
        throw new PermanentPullError(`table ${job.table} offers no periods${config.kind ? ` of kind ${config.kind}` : ''}`);
      const areas =
        config.areas === '*' ? '*' : config.areas.map((area) => findMunicipality(resolveMunicipality(area) ?? '')?.name ?? area);
      const fetched = await this.client.data(table, areas, periods);
      const mapping = mapJobindsatsResponse(fetched.tables, table, fetched.sourceUpdatedAt);
      const canonical = canonicalPeriods(periods);
      const importId = randomUUID();
      const outcome = await this.imports.run(
        { id: importId, source: `jobindsats:${job.table}`, author: `jobindsats-pull (${job.trigger})`, policy: 'all-or-nothing' },
        async () => {
          if (mapping.problems.some((problem) => problem.row === 0))
            throw new UnusableInput(mapping.problems.map((problem) => problem.reason).join('; '));
          return {
            meta: {},
            rows: [
              ...mapping.problems.map((problem) => ({ line: problem.row, errors: [{ field: problem.field, reason: problem.reason }] })),
              ...mapping.figures.map((figure, index) => ({ line: index + 1, figure })),
            ],
          };
        },
        (counts) => [
          createEvent(
            'pull.completed',
            { pullId: job.pullId, table: job.table, periods: canonical, importId, rows: counts },
            { source: 'pejling/ingest', municipality: NATIONAL_KEY },
          ),
        ],
      );
      if (outcome.status !== 'accepted') throw new PermanentPullError(`nothing was stored: ${outcome.message} (import ${importId})`);
      await this.pullRuns.succeeded(runId, { periods: canonical, importId, withheld: mapping.withheld });
      this.logger.log(
        { pullId: job.pullId, table: job.table, periods, importId, ...outcome.counts, withheld: mapping.withheld },
        'pull stored',
      );
      return { status: 'succeeded', importId };
    } catch (error) {
      const permanent = error instanceof PermanentPullError;
      const willRetry = !permanent && attempt.attempt < attempt.maxAttempts;
      const message = (error as Error).message || String(error);
      await this.recordFailure(runId, job, attempt, periods, message, willRetry);
      this.logger.warn({ pullId: job.pullId, table: job.table, attempt: attempt.attempt, willRetry, err: error }, 'pull failed');
      return { status: 'failed', error: message, permanent };
    }
  }

  private async recordFailure(
    runId: string,
    job: PullJob,
    attempt: PullAttempt,
    periods: string[],
    error: string,
    willRetry: boolean,
  ): Promise<void> {
    await this.transactions.run(async (unit) => {
      await this.pullRuns.failed(runId, { periods, error: error.slice(0, 2000), willRetry }, unit.manager);
      unit.publish(
        createEvent(
          'pull.failed',
          {
            pullId: job.pullId,
            table: job.table,
            periods: canonicalPeriods(periods),
            attempt: attempt.attempt,
            maxAttempts: attempt.maxAttempts,
            willRetry,
            error: error.slice(0, 2000),
          },
          { source: 'pejling/ingest', municipality: NATIONAL_KEY },
        ),
      );
    });
  }
}

function canonicalPeriods(periods: readonly string[]): string[] {
  return periods.flatMap((period) => {
    const parsed = parsePeriod(period);
    return parsed.ok ? [parsed.period] : [];
  });
}
