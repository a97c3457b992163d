import { DynamicModule, Module } from '@nestjs/common';
import { TOPICS } from '@pejling/contracts';
import { PlatformModule, ServiceApp, ServiceEnv, serviceEnvSchema, ServiceSpec } from '@pejling/platform';
import { IndicatorsConsumer } from './evaluation/indicators.consumer';
import { GoalsController } from './goals/goals.controller';
import { GoalsService } from './goals/goals.service';
import { CreateGoals1732300000300 } from './migrations/1732300000300-CreateGoals';
import { GoalRules1732300000301 } from './migrations/1732300000301-GoalRules';

const spec: ServiceSpec = {
  name: 'goals',
  entities: [],
  migrations: [CreateGoals1732300000300, GoalRules1732300000301],
  produces: [TOPICS.goalEvaluations, TOPICS.goalTransitions],
  usesRedis: false,
};

const envSchema = serviceEnvSchema.extend({ PORT: serviceEnvSchema.shape.PORT.default(3003) });

@Module({})
export class GoalsModule {
  static forRoot(env: ServiceEnv): DynamicModule {
    return {
      module: GoalsModule,
      imports: [PlatformModule.forService(spec, env)],
      controllers: [GoalsController, IndicatorsConsumer],
      providers: [GoalsService],
    };
  }
}

/** Goals: holds goal definitions, evaluates them on every indicator change, publishes breaches and recoveries. */
export const goalsApp: ServiceApp<ServiceEnv> = { spec, envSchema, module: (env) => GoalsModule.forRoot(env), consumes: true };
