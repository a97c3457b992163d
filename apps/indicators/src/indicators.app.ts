import { DynamicModule, Module } from '@nestjs/common';
import { TOPICS } from '@pejling/contracts';
import { PlatformModule, ServiceApp, ServiceEnv, serviceEnvSchema, ServiceSpec } from '@pejling/platform';
import { FiguresConsumer } from './indicators/figures.consumer';
import { ClustersController } from './indicators/clusters.controller';
import { IndicatorsController } from './indicators/indicators.controller';
import { CreateIndicators1732300000200 } from './migrations/1732300000200-CreateIndicators';
import { AddBenchmarks1732300000201 } from './migrations/1732300000201-AddBenchmarks';
import { DirectIndicators1732300000202 } from './migrations/1732300000202-DirectIndicators';

const spec: ServiceSpec = {
  name: 'indicators',
  entities: [],
  migrations: [CreateIndicators1732300000200, AddBenchmarks1732300000201, DirectIndicators1732300000202],
  produces: [TOPICS.indicators],
  usesRedis: false,
};

const envSchema = serviceEnvSchema.extend({ PORT: serviceEnvSchema.shape.PORT.default(3002) });

@Module({})
export class IndicatorsModule {
  static forRoot(env: ServiceEnv): DynamicModule {
    return { module: IndicatorsModule, imports: [PlatformModule.forService(spec, env)], controllers: [FiguresConsumer, IndicatorsController, ClustersController] };
  }
}

/** Indicators: consumes figures, recomputes the indicators that depend on them, publishes changed values. */
export const indicatorsApp: ServiceApp<ServiceEnv> = { spec, envSchema, module: (env) => IndicatorsModule.forRoot(env), consumes: true };
