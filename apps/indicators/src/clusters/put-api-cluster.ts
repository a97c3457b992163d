import { ConflictException, Injectable } from '@nestjs/common';
import { declaringPlan } from '@pejling/domain-indicators';
import { Transactions, UnitOfWork } from '@pejling/platform';
import { queueBenchmarks } from '../persistence/benchmark-queue.repository';
import { clustersOf, periodsOf, putApiCluster } from './cluster-declarations.repository';

/**
 * Sets a cluster no plan declares, for every period: refused (409) while a plan declares the
 * municipality's cluster for the indicator, since the plan is its source of truth. Every period the
 * municipality has a value in gets new cluster benchmarks: the worker republishes them. Answers how many periods are recomputing.
 */
@Injectable()
export class PutApiCluster {
  constructor(private readonly transactions: Transactions) {}

  run(municipality: string, indicatorId: string, members: readonly string[]): Promise<number> {
    return this.transactions.run((unit) => putClusterThroughApi(unit, municipality, indicatorId, members));
  }
}

async function putClusterThroughApi(
  unit: UnitOfWork,
  municipality: string,
  indicatorId: string,
  members: readonly string[],
): Promise<number> {
  const existing = await clustersOf(unit.manager, municipality, indicatorId);
  const plan = declaringPlan(existing);
  if (plan) {
    throw new ConflictException(
      `The cluster of ${municipality} for ${indicatorId} is declared by plan ${plan.planId} (version ${plan.planVersion}, from ${plan.effectiveFrom}); change it in the plan.`,
    );
  }
  await putApiCluster(unit.manager, municipality, indicatorId, members);
  const periods = await periodsOf(unit.manager, municipality, indicatorId);
  await queueBenchmarks(unit.manager, periods);
  return periods.length;
}
