import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { ClusterDeclaration, DERIVATIONS } from '@pejling/domain-indicators';

const row = z.object({
  municipality: z.string().transform((code) => code.trim()),
  indicator_id: z.string(),
  members: z.array(z.string()),
  source: z.enum(['plan', 'api']),
  plan_id: z.string().nullable(),
  plan_version: z.number().int().nullable(),
  effective_from: z.string().nullable(),
  updated_at: z.date(),
});
type Row = z.infer<typeof row>;

export interface StoredCluster extends ClusterDeclaration {
  municipality: string;
  indicatorId: string;
  updatedAt: Date;
}

function toCluster(raw: unknown): StoredCluster {
  const parsed: Row = row.parse(raw);
  return {
    municipality: parsed.municipality,
    indicatorId: parsed.indicator_id,
    members: parsed.members,
    source: parsed.source,
    ...(parsed.plan_id !== null ? { planId: parsed.plan_id } : {}),
    ...(parsed.plan_version !== null ? { planVersion: parsed.plan_version } : {}),
    effectiveFrom: parsed.effective_from,
    updatedAt: parsed.updated_at,
  };
}

const COLUMNS = 'municipality, indicator_id, members, source, plan_id, plan_version, effective_from, updated_at';

/** Every stored cluster (plan declarations with their history, API clusters), by municipality and indicator. */
export async function listClusters(manager: EntityManager): Promise<StoredCluster[]> {
  const rows: unknown[] = await manager.query(
    `SELECT ${COLUMNS} FROM cluster_declarations ORDER BY municipality, indicator_id, source DESC, effective_from NULLS FIRST, plan_version`,
  );
  return rows.map(toCluster);
}

/** The declarations of the given indicators, grouped by indicator and municipality. */
export async function clustersOfIndicators(
  manager: EntityManager,
  indicatorIds: readonly string[],
): Promise<Map<string, Map<string, StoredCluster[]>>> {
  const rows: unknown[] = await manager.query(`SELECT ${COLUMNS} FROM cluster_declarations WHERE indicator_id = ANY($1::text[])`, [
    indicatorIds,
  ]);
  const byIndicator = new Map<string, Map<string, StoredCluster[]>>();
  for (const cluster of rows.map(toCluster)) {
    const byMunicipality = byIndicator.get(cluster.indicatorId) ?? new Map<string, StoredCluster[]>();
    byMunicipality.set(cluster.municipality, [...(byMunicipality.get(cluster.municipality) ?? []), cluster]);
    byIndicator.set(cluster.indicatorId, byMunicipality);
  }
  return byIndicator;
}

/** One municipality's declarations for one indicator, locked against a concurrent change. */
export async function clustersOf(manager: EntityManager, municipality: string, indicatorId: string): Promise<StoredCluster[]> {
  await manager.query(`SELECT pg_advisory_xact_lock(hashtext('clusters|' || $1 || '|' || $2))`, [municipality, indicatorId]);
  const rows: unknown[] = await manager.query(`SELECT ${COLUMNS} FROM cluster_declarations WHERE municipality = $1 AND indicator_id = $2`, [
    municipality,
    indicatorId,
  ]);
  return rows.map(toCluster);
}

export async function putApiCluster(
  manager: EntityManager,
  municipality: string,
  indicatorId: string,
  members: readonly string[],
): Promise<void> {
  await manager.query(
    `INSERT INTO cluster_declarations (municipality, indicator_id, members, source) VALUES ($1, $2, $3, 'api')
     ON CONFLICT (municipality, indicator_id) WHERE source = 'api' DO UPDATE SET members = EXCLUDED.members, updated_at = now()`,
    [municipality, indicatorId, members],
  );
}

/** Records a plan version's declaration (no members: removed); the same version declared again changes nothing. Returns whether it was new. */
export async function insertPlanCluster(
  manager: EntityManager,
  declaration: {
    municipality: string;
    indicatorId: string;
    members: readonly string[];
    planId: string;
    planVersion: number;
    effectiveFrom: string;
  },
): Promise<boolean> {
  const inserted: unknown[] = await manager.query(
    `INSERT INTO cluster_declarations (municipality, indicator_id, members, source, plan_id, plan_version, effective_from) VALUES ($1, $2, $3, 'plan', $4, $5, $6)
     ON CONFLICT (municipality, indicator_id, plan_id, plan_version) WHERE source = 'plan' DO NOTHING RETURNING id`,
    [
      declaration.municipality,
      declaration.indicatorId,
      declaration.members,
      declaration.planId,
      declaration.planVersion,
      declaration.effectiveFrom,
    ],
  );
  return inserted.length > 0;
}

/** The periods a municipality has a value for, for one indicator. */
export async function periodsOf(
  manager: EntityManager,
  municipality: string,
  indicatorId: string,
): Promise<{ indicatorId: string; period: string }[]> {
  // The indicators derived from it (12-month change and mean) are compared within the same cluster.
  const rows: { indicator_id: string; period: string }[] = await manager.query(
    `SELECT indicator_id, period FROM indicator_values WHERE indicator_id = ANY($1::text[]) AND municipality = $2`,
    [[indicatorId, ...DERIVATIONS.map((derivation) => `${indicatorId}.${derivation}`)], municipality],
  );
  return rows.map((found) => ({ indicatorId: found.indicator_id, period: found.period }));
}
