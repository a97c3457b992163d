import { Injectable } from '@nestjs/common';
import { EventEnvelope, PlanClustersDeclared } from '@pejling/contracts';
import { clusterInForce } from '@pejling/domain-indicators';
import { periodEndMonth } from '@pejling/domain-kernel';
import { OnceResult, Transactions, UnitOfWork } from '@pejling/platform';
import { queueBenchmarks } from '../persistence/benchmark-queue.repository';
import { clustersOf, insertPlanCluster, periodsOf } from './cluster-declarations.repository';

const CONSUMER = 'indicators.plan-clusters';

/**
 * Stores what a plan version declares about its municipality's clusters (history kept: each
 * declaration applies from its month on) and queues the benchmarks of every period from that month
 * whose cluster changed, once per event. Answers the number of (indicator, period) pairs queued.
 */
@Injectable()
export class DeclarePlanClusters {
  constructor(private readonly transactions: Transactions) {}

  run(event: EventEnvelope, declared: PlanClustersDeclared): Promise<OnceResult<number>> {
    return this.transactions.runOnce(CONSUMER, event, (unit) => declarePlanClusters(unit, declared, event.correlationId));
  }
}

async function declarePlanClusters(unit: UnitOfWork, declared: PlanClustersDeclared, correlationId?: string): Promise<number> {
  const changes = [
    ...declared.clusters.map((cluster) => ({
      indicatorId: cluster.indicatorId,
      members: [...new Set(cluster.members)].sort(),
      from: cluster.from,
    })),
    ...declared.removed.map((removed) => ({ indicatorId: removed.indicatorId, members: [] as string[], from: removed.from })),
  ];
  let queued = 0;
  for (const change of changes) {
    const before = await clustersOf(unit.manager, declared.municipality, change.indicatorId);
    const inserted = await insertPlanCluster(unit.manager, {
      municipality: declared.municipality,
      indicatorId: change.indicatorId,
      members: change.members,
      planId: declared.planId,
      planVersion: declared.planVersion,
      effectiveFrom: change.from,
    });
    if (!inserted) continue;
    const after = await clustersOf(unit.manager, declared.municipality, change.indicatorId);
    // Only periods whose cluster in force changed are recomputed: from the declaration's month on.
    const periods = (await periodsOf(unit.manager, declared.municipality, change.indicatorId)).filter(({ period }) => {
      const end = periodEndMonth(period);
      return (
        end >= change.from &&
        JSON.stringify(clusterInForce(before, end)?.members ?? []) !== JSON.stringify(clusterInForce(after, end)?.members ?? [])
      );
    });
    await queueBenchmarks(unit.manager, periods, correlationId);
    queued += periods.length;
  }
  return queued;
}
