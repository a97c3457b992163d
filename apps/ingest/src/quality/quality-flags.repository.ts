import { DataSource } from 'typeorm';

export interface QualityFlagFilter {
  municipality?: string;
  series?: string;
  check?: string;
  status: 'open' | 'resolved' | 'all';
  batchId?: string;
  /** The principal's scope: `null` is every municipality. */
  municipalities: string[] | null;
}

export interface QualityFlagList {
  counts: { check: string; count: number }[];
  flags: unknown[];
}

/** Soft data-quality flags with counts per check, under the filters and scope. */
export async function listQualityFlags(dataSource: DataSource, filter: QualityFlagFilter, limit: number): Promise<QualityFlagList> {
  const params = [filter.municipality ?? null, filter.series ?? null, filter.check ?? null, filter.status, filter.batchId ?? null, filter.municipalities];
  const where = `($1::text IS NULL OR municipality = $1) AND ($2::text IS NULL OR series = $2) AND ($3::text IS NULL OR check_kind = $3)
    AND ($4 = 'all' OR ($4 = 'open') = (resolved_at IS NULL)) AND ($5::uuid IS NULL OR batch_id = $5::uuid)
    AND ($6::text[] IS NULL OR municipality = ANY($6))`;
  const flags = await dataSource.query(
    `SELECT id, check_kind AS "check", source, series, municipality, period, value, details, message, batch_id AS "batchId",
            created_at AS "createdAt", resolved_at AS "resolvedAt", resolved_by_batch AS "resolvedByBatch"
       FROM quality_flags WHERE ${where} ORDER BY created_at DESC, id LIMIT $7`,
    [...params, limit],
  );
  const counts = await dataSource.query(`SELECT check_kind AS "check", count(*)::int AS count FROM quality_flags WHERE ${where} GROUP BY check_kind ORDER BY check_kind`, params);
  return { counts, flags };
}
