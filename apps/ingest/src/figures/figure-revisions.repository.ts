import { DataSource } from 'typeorm';

export interface FigureRevisionFilter {
  series?: string;
  municipality?: string;
  period?: string;
  limit: number;
}

export interface FigureWithRevisions {
  id: string;
  source: string;
  series: string;
  municipality: string;
  period: string;
  value: number;
  unit: string;
  revision: number;
  updatedAt: string;
  revisions: { revision: number; previousValue: number; value: number; batchId: string; revisedAt: string; previousSourceUpdatedAt: string | null; sourceUpdatedAt: string | null }[];
}

/** Figures with every revision (oldest first): published statistics, so not scoped. */
export async function listFigureRevisions(dataSource: DataSource, filter: FigureRevisionFilter): Promise<FigureWithRevisions[]> {
  return dataSource.query(
    `SELECT f.id, f.source, f.series, f.municipality, f.period, f.value, f.unit, f.revision, f.updated_at AS "updatedAt",
            COALESCE((SELECT json_agg(json_build_object('revision', r.revision, 'previousValue', r.previous_value, 'value', r.value, 'batchId', r.batch_id,
                                                        'revisedAt', r.revised_at, 'previousSourceUpdatedAt', r.previous_source_updated_at,
                                                        'sourceUpdatedAt', r.source_updated_at) ORDER BY r.revision)
                        FROM figure_revisions r WHERE r.figure_id = f.id), '[]') AS revisions
       FROM figures f
      WHERE ($1::text IS NULL OR f.series = $1) AND ($2::text IS NULL OR f.municipality = $2) AND ($3::text IS NULL OR f.period = $3)
      ORDER BY f.municipality, f.series, f.period DESC, f.source LIMIT $4`,
    [filter.series ?? null, filter.municipality ?? null, filter.period ?? null, filter.limit],
  );
}
