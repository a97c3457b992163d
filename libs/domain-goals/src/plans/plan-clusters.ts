import { Plan, planClusters } from './plan-schema';

export interface DeclaredClusters {
  clusters: { indicatorId: string; members: string[]; from: string }[];
  /** Indicators the previous version had a cluster for and this one has not: from `from` on, no plan cluster. */
  removed: { indicatorId: string; from: string }[];
}

/**
 * What a new plan version declares about its municipality's clusters, or null when they are the
 * same as the previous version's (same members, same `from`): then nothing needs to be published.
 * Clusters without their own `from` apply from the version's effective month.
 */
export function clusterChanges(
  previous: Pick<Plan, 'clusters'> | null,
  next: Pick<Plan, 'clusters'>,
  effectiveFrom: string,
): DeclaredClusters | null {
  const before = previous ? planClusters(previous) : [];
  const after = planClusters(next);
  const key = (cluster: { indicatorId: string; members: string[]; from?: string }) =>
    `${cluster.indicatorId}|${cluster.members.join(',')}|${cluster.from ?? ''}`;
  if (before.map(key).join(';') === after.map(key).join(';')) return null;
  const kept = new Set(after.map((cluster) => cluster.indicatorId));
  return {
    clusters: after.map((cluster) => ({ indicatorId: cluster.indicatorId, members: cluster.members, from: cluster.from ?? effectiveFrom })),
    removed: before
      .filter((cluster) => !kept.has(cluster.indicatorId))
      .map((cluster) => ({ indicatorId: cluster.indicatorId, from: effectiveFrom })),
  };
}
