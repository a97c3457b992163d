import { BullModule } from '@nestjs/bull';
import { DynamicModule, Module } from '@nestjs/common';
import { TOPICS } from '@pejling/contracts';
import { PlatformModule, QueueBoardModule, ServiceApp, ServiceSpec } from '@pejling/platform';
import { FiguresController } from './figures/figures.controller';
import { FigureWriter } from './figures/figure-writer';
import { FiguresRepository } from './persistence/figures.repository';
import { ListFigures } from './figures/list-figures.use-case';
import { RecordFigures } from './figures/record-figures.use-case';
import { ImportsController } from './imports/imports.controller';
import { ImportCsv } from './imports/import-csv.use-case';
import { ImportRunner } from './imports/import-runner';
import { ImportsRepository } from './imports/imports.repository';
import { GetImport } from './imports/get-import';
import { ListImports } from './imports/list-imports';
import { ImportListing1732300000107 } from './migrations/1732300000107-ImportListing';
import { FigureRevisions } from './figures/figure-revisions';
import { ListQualityFlags } from './quality/list-quality-flags';
import { QualityChecker } from './quality/quality-checker';
import { QualityFlagsRepository } from './quality/quality-flags.repository';
import { IngestEnv, ingestEnvSchema } from './ingest.env';
import { jitteredBackoff, PULL_QUEUE, PullQueue } from './jobindsats/pull.queue';
import { PullRunner } from './jobindsats/pull-runner';
import { PullsController } from './jobindsats/pulls.controller';
import { PullRunsRepository } from './jobindsats/pull-runs.repository';
import { CreateFigures1732300000100 } from './migrations/1732300000100-CreateFigures';
import { CreateImports1732300000101 } from './migrations/1732300000101-CreateImports';
import { PeriodsAndSourceTimes1732300000102 } from './migrations/1732300000102-PeriodsAndSourceTimes';
import { QualityFlags1732300000103 } from './migrations/1732300000103-QualityFlags';
import { PullRuns1732300000104 } from './migrations/1732300000104-PullRuns';
import { HistoryIndex1732300000105 } from './migrations/1732300000105-HistoryIndex';
import { PrintedTableChecks1732300000106 } from './migrations/1732300000106-PrintedTableChecks';
import { QualityFlagsController } from './quality/quality-flags.controller';

const spec: ServiceSpec = {
  name: 'ingest',
  entities: [],
  migrations: [
    CreateFigures1732300000100,
    CreateImports1732300000101,
    PeriodsAndSourceTimes1732300000102,
    QualityFlags1732300000103,
    PullRuns1732300000104,
    HistoryIndex1732300000105,
    PrintedTableChecks1732300000106,
    ImportListing1732300000107,
  ],
  produces: [TOPICS.figures, TOPICS.dataQuality, TOPICS.ingestRuns],
  usesRedis: true,
};

@Module({})
export class IngestModule {
  static forRoot(env: IngestEnv): DynamicModule {
    return {
      module: IngestModule,
      imports: [
        PlatformModule.forService(spec, env),
        BullModule.forRoot({ redis: env.REDIS_URL, prefix: env.BULL_PREFIX }),
        BullModule.registerQueue({ name: PULL_QUEUE, settings: { backoffStrategies: { jittered: jitteredBackoff(env.PULL_BACKOFF_MS) } } }),
        QueueBoardModule.forQueues([PULL_QUEUE]),
      ],
      controllers: [FiguresController, ImportsController, QualityFlagsController, PullsController],
      providers: [
        // use cases
        RecordFigures,
        ListFigures,
        FigureRevisions,
        ImportCsv,
        ListImports,
        GetImport,
        ListQualityFlags,
        PullRunner,
        PullQueue,
        // the one figure writer, the import flow over it and the quality checks it runs
        FigureWriter,
        ImportRunner,
        QualityChecker,
        // repositories
        FiguresRepository,
        ImportsRepository,
        QualityFlagsRepository,
        PullRunsRepository,
      ],
    };
  }
}

/**
 * Ingest: takes figures in (JSON batches, CSV uploads, scheduled Jobindsats pulls), checks their
 * quality, stores them and publishes `figure.recorded` and `figure.flagged` through its outbox.
 */
export const ingestApp: ServiceApp<IngestEnv> = {
  spec,
  envSchema: ingestEnvSchema,
  module: (env) => IngestModule.forRoot(env),
  consumes: false,
};
