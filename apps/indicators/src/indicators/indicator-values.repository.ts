import { DataSource } from 'typeorm';

export interface IndicatorValueRow {
  indicatorId: string;
  municipality: string;
  period: string;
  value: number;
  numerator: number | null;
  denominator: number | null;
  parts: unknown;
  updatedAt: string;
}

/** One municipality's readings of an indicator, oldest first (published statistics: never scoped). */
export async function indicatorSeries(dataSource: DataSource, municipality: string, indicatorId: string): Promise<{ period: string; value: number; numerator: number }[]> {
  return dataSource.query(`SELECT period, value, numerator FROM indicator_values WHERE municipality = $1 AND indicator_id = $2 ORDER BY period`, [municipality, indicatorId]);
}

export async function indicatorValues(dataSource: DataSource, filter: { municipality?: string; indicator?: string }): Promise<IndicatorValueRow[]> {
  return dataSource.query(
    `SELECT indicator_id AS "indicatorId", municipality, period, value, numerator, denominator, parts, updated_at AS "updatedAt"
       FROM indicator_values
      WHERE ($1::text IS NULL OR municipality = $1) AND ($2::text IS NULL OR indicator_id = $2)
      ORDER BY municipality, indicator_id, period DESC LIMIT 1000`,
    [filter.municipality ?? null, filter.indicator ?? null],
  );
}
