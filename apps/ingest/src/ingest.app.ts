import { DynamicModule, Module } from '@nestjs/common';
import { TOPICS } from '@pejling/contracts';
import { PlatformModule, ServiceApp, ServiceEnv, serviceEnvSchema, ServiceSpec } from '@pejling/platform';
import { FiguresController } from './figures/figures.controller';
import { FiguresService } from './figures/figures.service';
import { CreateFigures1732300000100 } from './migrations/1732300000100-CreateFigures';
import { CreateImports1732300000101 } from './migrations/1732300000101-CreateImports';
import { PeriodsAndSourceTimes1732300000102 } from './migrations/1732300000102-PeriodsAndSourceTimes';
import { QualityFlags1732300000103 } from './migrations/1732300000103-QualityFlags';
import { ImportsController } from './imports/imports.controller';
import { ImportsService } from './imports/imports.service';
import { QualityFlagsController } from './quality/quality-flags.controller';

const spec: ServiceSpec = {
  name: 'ingest',
  entities: [],
  migrations: [CreateFigures1732300000100, CreateImports1732300000101, PeriodsAndSourceTimes1732300000102, QualityFlags1732300000103],
  produces: [TOPICS.figures, TOPICS.dataQuality, TOPICS.ingestRuns],
  usesRedis: false,
};

const envSchema = serviceEnvSchema.extend({ PORT: serviceEnvSchema.shape.PORT.default(3001) });

@Module({})
export class IngestModule {
  static forRoot(env: ServiceEnv): DynamicModule {
    return { module: IngestModule, imports: [PlatformModule.forService(spec, env)], controllers: [FiguresController, ImportsController, QualityFlagsController], providers: [FiguresService, ImportsService] };
  }
}

/** Ingest: takes figures in (HTTP), stores them and publishes `figure.recorded` through its outbox. */
export const ingestApp: ServiceApp<ServiceEnv> = { spec, envSchema, module: (env) => IngestModule.forRoot(env), consumes: false };
