import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';

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

/** Reads of the indicator values the API answers with (published statistics: never scoped). */
@Injectable()
export class IndicatorValuesRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** One municipality's readings of an indicator, oldest first. */
  series(
    municipality: string,
    indicatorId: string,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<{ period: string; value: number; numerator: number }[]> {
    return manager.query(
      `SELECT period, value, numerator FROM indicator_values WHERE municipality = $1 AND indicator_id = $2 ORDER BY period`,
      [municipality, indicatorId],
    );
  }

  /** Values by municipality and indicator, newest period first (at most 1.000). */
  list(
    filter: { municipality?: string; indicator?: string },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<IndicatorValueRow[]> {
    return manager.query(
      `SELECT indicator_id AS "indicatorId", municipality, period, value, numerator, denominator, parts, updated_at AS "updatedAt"
         FROM indicator_values
        WHERE ($1::text IS NULL OR municipality = $1) AND ($2::text IS NULL OR indicator_id = $2)
        ORDER BY municipality, indicator_id, period DESC LIMIT 1000`,
      [filter.municipality ?? null, filter.indicator ?? null],
    );
  }
}
