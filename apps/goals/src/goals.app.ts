import { DynamicModule, Module } from '@nestjs/common';
import { TOPICS } from '@pejling/contracts';
import { PlatformModule, ServiceApp, ServiceEnv, serviceEnvSchema, ServiceSpec } from '@pejling/platform';
import { IndicatorsConsumer } from './evaluation/indicators.consumer';
import { GoalsController } from './goals/goals.controller';
import { GoalsService } from './goals/goals.service';
import { CreateGoals1732300000300 } from './migrations/1732300000300-CreateGoals';
import { GoalRules1732300000301 } from './migrations/1732300000301-GoalRules';
import { Plans1732300000302 } from './migrations/1732300000302-Plans';
import { PlansController } from './plans/plans.controller';
import { PlansService } from './plans/plans.service';

const spec: ServiceSpec = {
  name: 'goals',
  entities: [],
  migrations: [CreateGoals1732300000300, GoalRules1732300000301, Plans1732300000302],
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
      controllers: [GoalsController, PlansController, IndicatorsConsumer],
      providers: [GoalsService, PlansService],
    };
  }
}

/** Goals: holds goal definitions, evaluates them on every indicator change, publishes breaches and recoveries. */
export const goalsApp: ServiceApp<ServiceEnv> = { spec, envSchema, module: (env) => GoalsModule.forRoot(env), consumes: true };
