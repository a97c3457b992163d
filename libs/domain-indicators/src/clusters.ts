import { ClusterAssignment } from './benchmarks';

/** A cluster is a comparison: the municipality against at least this many others (plans and the API alike). */
export const MIN_CLUSTER_PEERS = 2;

/**
 * One stored cluster of a municipality for an indicator: declared by a plan version from a month
 * on (no members = the plan removed it), or set through the API for every period.
 */
export interface ClusterDeclaration {
  members: readonly string[];
  source: 'plan' | 'api';
  planId?: string;
  planVersion?: number;
  /** First month (YYYY-MM) it applies to; null for an API cluster. */
  effectiveFrom: string | null;
}

/**
 * The cluster in force for a period ending in `periodEnd` (YYYY-MM): the newest plan declaration
 * from on or before that month; where no plan declares one (before the plan, or after it removed the
 * cluster), the API cluster, if any.
 */
export function clusterInForce(declarations: readonly ClusterDeclaration[], periodEnd: string): ClusterAssignment | undefined {
  const planned = declarations
    .filter((declaration) => declaration.source === 'plan' && declaration.effectiveFrom !== null && declaration.effectiveFrom <= periodEnd)
    .sort((a, b) => (a.effectiveFrom as string).localeCompare(b.effectiveFrom as string) || (a.planVersion ?? 0) - (b.planVersion ?? 0))
    .at(-1);
  const chosen =
    planned && planned.members.length > 0
      ? planned
      : declarations.find((declaration) => declaration.source === 'api' && declaration.members.length > 0);
  if (!chosen) return undefined;
  return {
    members: chosen.members,
    source: chosen.source,
    ...(chosen.planId !== undefined ? { planId: chosen.planId } : {}),
    ...(chosen.planVersion !== undefined ? { planVersion: chosen.planVersion } : {}),
    effectiveFrom: chosen.effectiveFrom,
  };
}

/** Whether the newest plan declaration of a municipality's cluster is in force (not removed): the API may not override it. */
export function declaringPlan(declarations: readonly ClusterDeclaration[]): ClusterDeclaration | undefined {
  const newest = declarations
    .filter((declaration) => declaration.source === 'plan')
    .sort((a, b) => (a.effectiveFrom ?? '').localeCompare(b.effectiveFrom ?? '') || (a.planVersion ?? 0) - (b.planVersion ?? 0))
    .at(-1);
  return newest && newest.members.length > 0 ? newest : undefined;
}
