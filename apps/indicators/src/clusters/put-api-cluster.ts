import { ConflictException } from '@nestjs/common';
import { declaringPlan } from '@pejling/domain-indicators';
import { UnitOfWork } from '@pejling/platform';
import { queueBenchmarks } from '../indicators/benchmark-queue';
import { clustersOf, periodsOf, putApiCluster } from './cluster-declarations.repository';

/**
 * Sets a cluster no plan declares, for every period: refused (409) while a plan declares the
 * municipality's cluster for the indicator, since the plan is its source of truth. Every period the
 * municipality has a value in gets new cluster benchmarks: the worker republishes them.
 */
export async function putClusterThroughApi(unit: UnitOfWork, municipality: string, indicatorId: string, members: readonly string[]): Promise<number> {
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
