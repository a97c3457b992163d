import { Injectable } from '@nestjs/common';
import { deriveSeries } from '@pejling/domain-indicators';
import { IndicatorValueRow, IndicatorValuesRepository } from './indicator-values.repository';

/**
 * One municipality's series of an indicator with its development: against the same month last
 * year and a baseline (for the share and for its full-time persons), and the rolling 12-month mean.
 */
@Injectable()
export class GetIndicatorSeries {
  constructor(private readonly values: IndicatorValuesRepository) {}

  async run(municipality: string, indicator: string, baseline?: string) {
    const rows = await this.values.series(municipality, indicator);
    const shares = deriveSeries(
      rows.map((row) => ({ period: row.period, value: row.value })),
      baseline,
    );
    const counts = deriveSeries(
      rows.map((row) => ({ period: row.period, value: row.numerator })),
      baseline,
    );
    return shares.map((share, i) => ({ ...share, count: counts[i] }));
  }
}

/** Indicator values by municipality and indicator, newest period first (at most 1.000). */
@Injectable()
export class ListIndicatorValues {
  constructor(private readonly values: IndicatorValuesRepository) {}

  run(filter: { municipality?: string; indicator?: string }): Promise<IndicatorValueRow[]> {
    return this.values.list(filter);
  }
}
