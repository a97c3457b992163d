import { BadRequestException, Controller, Get, HttpCode, Inject, Param, Post, Query } from '@nestjs/common';
import { JOBINDSATS_TABLES } from '@pejling/domain-figures';
import { ApiDoc, OPERATORS, READERS, Roles, SERVICE_ENV } from '@pejling/platform';
import { IngestEnv } from '../ingest.env';
import { PullQueue } from './pull.queue';
import { PullRunsRepository } from './pull-runs.repository';
import { z } from 'zod';
import { pullQueuedSchema, pullRunSchema, pullsOverviewSchema } from './pull-response';

/** The configured Jobindsats pulls, their recent runs, and a way to run one now. */
@Controller('v1/pulls')
export class PullsController {
  constructor(
    private readonly queue: PullQueue,
    private readonly pullRuns: PullRunsRepository,
    @Inject(SERVICE_ENV) private readonly env: IngestEnv,
  ) {}

  @Get()
  @Roles(...READERS)
  @ApiDoc({ summary: 'The configured Jobindsats pulls with their latest runs', responses: { 200: pullsOverviewSchema } })
  async list() {
    const runs = await this.pullRuns.latestPerTable();
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
  @ApiDoc({
    summary: 'Recent pull runs (at most 200, newest first)',
    query: z.object({ table: z.string().optional(), pullId: z.string().uuid().optional() }),
    responses: { 200: z.array(pullRunSchema) },
  })
  runs(@Query('table') table?: string, @Query('pullId') pullId?: string) {
    if (pullId && !/^[0-9a-f-]{36}$/i.test(pullId)) throw new BadRequestException('pullId must be a UUID');
    return this.pullRuns.recent({ table, pullId });
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
    if (!this.env.JOBINDSATS_API_KEY)
      throw new BadRequestException('JOBINDSATS_API_KEY is not configured, so Pejling cannot call the Jobindsats API');
    return this.queue.runNow(table);
  }
}
