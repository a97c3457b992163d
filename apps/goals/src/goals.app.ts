import { BullModule } from '@nestjs/bull';
import { DynamicModule, Module } from '@nestjs/common';
import { TOPICS } from '@pejling/contracts';
import { PlatformModule, QueueBoardModule, ServiceApp, ServiceSpec } from '@pejling/platform';
import { GoalsEnv, goalsEnvSchema } from './goals.env';
import { SCHEDULED_QUEUE, StalenessChecker } from './staleness/staleness-checker';
import { MarkStaleGoals } from './staleness/mark-stale-goals.use-case';
import { EvaluationPeriod1732300000303 } from './migrations/1732300000303-EvaluationPeriod';
import { Owners1732300000304 } from './migrations/1732300000304-Owners';
import { PeriodEnd1732300000305 } from './migrations/1732300000305-PeriodEnd';
import { OwnerChannels1732300000306 } from './migrations/1732300000306-OwnerChannels';
import { CurrentJudgements1732300000307 } from './migrations/1732300000307-CurrentJudgements';
import { Retention1732300000308 } from './migrations/1732300000308-Retention';
import { PruneEvaluations } from './retention/prune-evaluations.use-case';
import { RetentionJobs } from './retention/retention-jobs';
import { AlertPolicyProvider } from './evaluation/alert-policy';
import { OwnersController } from './owners/owners.controller';
import { CreateOwner } from './owners/create-owner.use-case';
import { DeleteOwner } from './owners/delete-owner.use-case';
import { GetOwner } from './owners/get-owner.use-case';
import { ListOwners } from './owners/list-owners.use-case';
import { PublishOwnerSnapshot } from './owners/publish-owner-snapshot.use-case';
import { UpdateOwner } from './owners/update-owner.use-case';
import { OwnersRepository } from './owners/owners.repository';
import { GoalsRepository } from './goals/goals.repository';
import { GoalVersionsRepository } from './evaluation/goal-versions.repository';
import { PlansRepository } from './plans/plans.repository';
import { PlanVersionsRepository } from './plans/plan-versions.repository';
import { BoardRepository } from './board/board.repository';
import { IndicatorsConsumer } from './evaluation/indicators.consumer';
import { ApplyIndicatorReadings } from './evaluation/apply-indicator-readings.use-case';
import { GoalsController } from './goals/goals.controller';
import { CreateGoal } from './goals/create-goal.use-case';
import { DeleteGoal } from './goals/delete-goal.use-case';
import { GetGoal } from './goals/get-goal.use-case';
import { ListGoalEvaluations } from './goals/list-goal-evaluations.use-case';
import { ListGoals } from './goals/list-goals.use-case';
import { UpdateGoal } from './goals/update-goal.use-case';
import { CreateGoals1732300000300 } from './migrations/1732300000300-CreateGoals';
import { GoalRules1732300000301 } from './migrations/1732300000301-GoalRules';
import { Plans1732300000302 } from './migrations/1732300000302-Plans';
import { PlansController } from './plans/plans.controller';
import { GetPlan } from './plans/get-plan.use-case';
import { ListPlans } from './plans/list-plans.use-case';
import { PutPlan } from './plans/put-plan.use-case';
import { ListPlanVersions } from './plans/list-plan-versions';
import { ValidatePlan } from './plans/validate-plan';
import { ListGoalVersions } from './goals/list-goal-versions';
import { BoardController } from './board/board.controller';
import { GetBoard } from './board/get-board';
import { ApiKeysController } from './api-keys/api-keys.controller';
import { CreateApiKey } from './api-keys/create-api-key.use-case';
import { ListApiKeys } from './api-keys/list-api-keys.use-case';
import { RevokeApiKey } from './api-keys/revoke-api-key.use-case';
import { PublicController } from './public/public.controller';
import { PublicPlansRepository } from './public/public-plans.repository';
import { PublicChangesRepository } from './public/public-changes.repository';
import { ListPublicMunicipalities } from './public/list-public-municipalities.use-case';
import { GetPublicMunicipality } from './public/get-public-municipality.use-case';
import { ListPublicChanges } from './public/list-public-changes.use-case';
import { GoalCountsRepository } from './metrics/goal-counts.repository';
import { GoalMetrics } from './metrics/goal-metrics';

const spec: ServiceSpec = {
  name: 'goals',
  entities: [],
  migrations: [
    CreateGoals1732300000300,
    GoalRules1732300000301,
    Plans1732300000302,
    EvaluationPeriod1732300000303,
    Owners1732300000304,
    PeriodEnd1732300000305,
    OwnerChannels1732300000306,
    CurrentJudgements1732300000307,
    Retention1732300000308,
  ],
  produces: [TOPICS.goalEvaluations, TOPICS.goalTransitions, TOPICS.plans, TOPICS.ownersInternal],
  usesRedis: true,
};

@Module({})
export class GoalsModule {
  static forRoot(env: GoalsEnv): DynamicModule {
    return {
      module: GoalsModule,
      imports: [
        PlatformModule.forService(spec, env),
        BullModule.forRoot({ redis: env.REDIS_URL, prefix: env.BULL_PREFIX }),
        BullModule.registerQueue({ name: SCHEDULED_QUEUE }),
        QueueBoardModule.forQueues([SCHEDULED_QUEUE]),
      ],
      controllers: [
        GoalsController,
        PlansController,
        OwnersController,
        BoardController,
        ApiKeysController,
        PublicController,
        IndicatorsConsumer,
      ],
      providers: [
        GoalCountsRepository,
        GoalMetrics,
        CreateGoal,
        ListGoals,
        GetGoal,
        ListGoalEvaluations,
        UpdateGoal,
        DeleteGoal,
        PutPlan,
        ListPlans,
        GetPlan,
        StalenessChecker,
        MarkStaleGoals,
        RetentionJobs,
        PruneEvaluations,
        ApplyIndicatorReadings,
        AlertPolicyProvider,
        ListPlanVersions,
        ValidatePlan,
        ListGoalVersions,
        GetBoard,
        ListApiKeys,
        CreateApiKey,
        RevokeApiKey,
        ListOwners,
        GetOwner,
        CreateOwner,
        UpdateOwner,
        DeleteOwner,
        PublishOwnerSnapshot,
        OwnersRepository,
        GoalsRepository,
        GoalVersionsRepository,
        PlansRepository,
        PlanVersionsRepository,
        BoardRepository,
        PublicPlansRepository,
        PublicChangesRepository,
        ListPublicMunicipalities,
        GetPublicMunicipality,
        ListPublicChanges,
      ],
    };
  }
}

/** Goals: holds goal definitions, evaluates them on every indicator change, publishes breaches and recoveries. */
export const goalsApp: ServiceApp<GoalsEnv> = {
  spec,
  envSchema: goalsEnvSchema,
  module: (env) => GoalsModule.forRoot(env),
  consumes: true,
};
