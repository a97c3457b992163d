import { BadRequestException, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { JOBINDSATS_TABLES } from '@pejling/domain';
import { ApiDoc, OPERATORS, READERS, Roles, SERVICE_ENV } from '@pejling/platform';
import { IngestEnv } from '../ingest.env';
import { PullQueue } from './pull.queue';
import { z } from 'zod';
import { pullQueuedSchema, pullRunSchema, pullsOverviewSchema } from './pull-response';

/** The configured Jobindsats pulls, their recent runs, and a way to run one now. */
@Controller('v1/pulls')
export class PullsController {
  constructor(
    private readonly queue: PullQueue,
    private readonly dataSource: DataSource,
    @Inject(SERVICE_ENV) private readonly env: IngestEnv,
  ) {}

  @Get()
  @Roles(...READERS)
  @ApiDoc({ summary: 'The configured Jobindsats pulls with their latest runs', responses: { 200: pullsOverviewSchema } })
  async list() {
    const runs: { table: string }[] = await this.dataSource.query(
      `SELECT DISTINCT ON (table_id) table_id AS "table", status, attempt, periods, import_id AS "importId", error, started_at AS "startedAt", finished_at AS "finishedAt"
         FROM pull_runs ORDER BY table_id, started_at DESC`,
    );
    const lastRun = new Map(runs.map((run) => [run.table, run]));
    return {
      baseUrl: this.env.JOBINDSATS_BASE_URL,
      timeZone: this.env.JOBINDSATS_CRON_TZ,
      pulls: this.env.JOBINDSATS_PULLS.map((pull) => ({ ...pull, lastRun: lastRun.get(pull.table) ?? null })),
      tables: Object.keys(JOBINDSATS_TABLES),
    };
  }

  @Get('runs')
  @Roles(...READERS)
  @ApiDoc({ summary: 'Recent pull runs (at most 200, newest first)', query: z.object({ table: z.string().optional(), pullId: z.string().uuid().optional() }), responses: { 200: z.array(pullRunSchema) } })
  runs(@Query('table') table?: string, @Query('pullId') pullId?: string) {
    if (pullId && !/^[0-9a-f-]{36}$/i.test(pullId)) throw new BadRequestException('pullId must be a UUID');
    return this.dataSource.query(
      `SELECT id, pull_id AS "pullId", table_id AS "table", trigger, attempt, status, periods, import_id AS "importId", withheld, error,
              will_retry AS "willRetry", started_at AS "startedAt", finished_at AS "finishedAt"
         FROM pull_runs WHERE ($1::text IS NULL OR table_id = $1) AND ($2::uuid IS NULL OR pull_id = $2::uuid)
        ORDER BY started_at DESC LIMIT 200`,
      [table ?? null, pullId ?? null],
    );
  }

  /** Runs a pull now, with the same retries as a scheduled one: 202 with the pull id to follow in /v1/pulls/runs. */
  @Post(':table/run')
  @HttpCode(202)
  @Roles(...OPERATORS)
  @ApiDoc({
    summary: 'Run a pull now (with the scheduled retries)',
    params: z.object({ table: z.string().describe('A Jobindsats table Pejling reads') }),
    responses: { 202: pullQueuedSchema, 400: { description: 'Unknown table, or JOBINDSATS_API_KEY not configured' } },
  })
  async run(@Param('table') table: string) {
    if (!(table in JOBINDSATS_TABLES)) throw new BadRequestException(`table must be one of ${Object.keys(JOBINDSATS_TABLES).join(', ')}`);
    if (!this.env.JOBINDSATS_API_KEY) throw new BadRequestException('JOBINDSATS_API_KEY is not configured, so Pejling cannot call the Jobindsats API');
    return this.queue.runNow(table);
  }
}
