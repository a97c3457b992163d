import { DynamicModule, Module } from '@nestjs/common';
import { TOPICS } from '@pejling/contracts';
import { GetIndicatorSeries, ListIndicatorValues } from './indicators/indicator-queries';
import { PlatformModule, ServiceApp, ServiceSpec } from '@pejling/platform';
import { IndicatorsEnv, indicatorsEnvSchema } from './indicators.env';
import { ApplyFigures } from './indicators/apply-figures.use-case';
import { BenchmarkWorker } from './indicators/benchmark-worker';
import { IndicatorValuesRepository } from './indicators/indicator-values.repository';
import { RecomputeBenchmarks } from './indicators/recompute-benchmarks.use-case';
import { RecomputeLoneBenchmarks } from './indicators/recompute-lone-benchmarks.use-case';
import { FiguresConsumer } from './indicators/figures.consumer';
import { ClustersController } from './clusters/clusters.controller';
import { IndicatorsController } from './indicators/indicators.controller';
import { CreateIndicators1732300000200 } from './migrations/1732300000200-CreateIndicators';
import { AddBenchmarks1732300000201 } from './migrations/1732300000201-AddBenchmarks';
import { DirectIndicators1732300000202 } from './migrations/1732300000202-DirectIndicators';
import { CoalescedBenchmarks1732300000203 } from './migrations/1732300000203-CoalescedBenchmarks';
import { ClusterDeclarations1732300000204 } from './migrations/1732300000204-ClusterDeclarations';
import { PlanClustersConsumer } from './clusters/plan-clusters.consumer';
import { DeclarePlanClusters } from './clusters/declare-plan-clusters';
import { ListClusters } from './clusters/list-clusters';
import { PutApiCluster } from './clusters/put-api-cluster';
import { DerivedIndicatorUnits1732300000208 } from './migrations/1732300000208-DerivedIndicatorUnits';
import { ProcessedEventsRetention1732300000209 } from './migrations/1732300000209-ProcessedEventsRetention';
import { RetentionSchedule } from './retention/retention-schedule';

const spec: ServiceSpec = {
  name: 'indicators',
  entities: [],
  migrations: [
    CreateIndicators1732300000200,
    AddBenchmarks1732300000201,
    DirectIndicators1732300000202,
    CoalescedBenchmarks1732300000203,
    ClusterDeclarations1732300000204,
    DerivedIndicatorUnits1732300000208,
    ProcessedEventsRetention1732300000209,
  ],
  produces: [TOPICS.indicators],
  usesRedis: false,
};

@Module({})
export class IndicatorsModule {
  static forRoot(env: IndicatorsEnv): DynamicModule {
    return {
      module: IndicatorsModule,
      imports: [PlatformModule.forService(spec, env)],
      controllers: [FiguresConsumer, PlanClustersConsumer, IndicatorsController, ClustersController],
      providers: [
        BenchmarkWorker,
        RetentionSchedule,
        // use cases
        ApplyFigures,
        RecomputeBenchmarks,
        RecomputeLoneBenchmarks,
        GetIndicatorSeries,
        ListIndicatorValues,
        DeclarePlanClusters,
        ListClusters,
        PutApiCluster,
        // repositories
        IndicatorValuesRepository,
      ],
    };
  }
}

/** Indicators: consumes figures in batches, recomputes the indicators that depend on them, and publishes changed readings once their period's burst of figures has passed. */
export const indicatorsApp: ServiceApp<IndicatorsEnv> = {
  spec,
  envSchema: indicatorsEnvSchema,
  module: (env) => IndicatorsModule.forRoot(env),
  consumes: true,
};
