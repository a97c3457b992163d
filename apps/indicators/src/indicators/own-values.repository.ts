import { EntityManager } from 'typeorm';
import { z } from 'zod';
import { IndicatorUnit } from '@pejling/domain-indicators';

/** A value's parts (series → count) as stored in jsonb, checked as they are read back. */
export const storedParts = z.record(z.string(), z.number());

/** A municipality's own value of an indicator in a period, as stored in `indicator_values`. */
export interface OwnValue {
  indicatorId: string;
  municipality: string;
  period: string;
  value: number;
  numerator: number;
  denominator: number;
  parts: Record<string, number>;
  unit: IndicatorUnit;
}

export interface OwnValueKey {
  indicatorId: string;
  municipality: string;
  period: string;
}

/** Upserts own values in one statement; returns the keys whose value is new or changed. */
export async function storeOwnValues(manager: EntityManager, values: readonly OwnValue[]): Promise<OwnValueKey[]> {
  if (values.length === 0) return [];
  const changed: { indicator_id: string; municipality: string; period: string }[] = await manager.query(
    `INSERT INTO indicator_values (indicator_id, municipality, period, value, numerator, denominator, parts, unit)
     SELECT r."indicatorId", r.municipality, r.period, r.value, r.numerator, r.denominator, r.parts, r.unit
       FROM jsonb_to_recordset($1::jsonb) AS r("indicatorId" text, municipality char(3), period text, value float8, numerator float8, denominator float8, parts jsonb, unit text)
     ON CONFLICT (indicator_id, municipality, period) DO UPDATE
       SET value = EXCLUDED.value, numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator, parts = EXCLUDED.parts, unit = EXCLUDED.unit, updated_at = now()
       WHERE indicator_values.value IS DISTINCT FROM EXCLUDED.value OR indicator_values.parts IS DISTINCT FROM EXCLUDED.parts
          OR indicator_values.unit IS DISTINCT FROM EXCLUDED.unit OR indicator_values.numerator IS DISTINCT FROM EXCLUDED.numerator
          OR indicator_values.denominator IS DISTINCT FROM EXCLUDED.denominator
     RETURNING indicator_id, municipality, period`,
    [JSON.stringify(values)],
  );
  return changed.map((row) => ({ indicatorId: row.indicator_id, municipality: row.municipality, period: row.period }));
}

export interface OwnValueRange {
  indicatorId: string;
  municipality: string;
  /** Inclusive bounds; canonical periods of one kind sort by time as text. */
  from: string;
  to: string;
}

/** The stored values of each (indicator, municipality) between two periods, in one statement of index range scans. */
export async function loadOwnValuesBetween(manager: EntityManager, ranges: readonly OwnValueRange[]): Promise<OwnValue[]> {
  if (ranges.length === 0) return [];
  const rows: ValueRow[] = await manager.query(
    `SELECT v.indicator_id, v.municipality, v.period, v.value, v.numerator, v.denominator, v.parts, v.unit
       FROM unnest($1::text[], $2::bpchar[], $3::text[], $4::text[]) AS k(indicator_id, municipality, period_from, period_to)
       JOIN indicator_values v ON v.indicator_id = k.indicator_id AND v.municipality = k.municipality AND v.period BETWEEN k.period_from AND k.period_to`,
    [
      ranges.map((range) => range.indicatorId),
      ranges.map((range) => range.municipality),
      ranges.map((range) => range.from),
      ranges.map((range) => range.to),
    ],
  );
  return rows.map(toOwnValue);
}

/** Every municipality's value of an indicator in the given periods (for benchmarks that need a base). */
export async function loadValuesOfPeriods(
  manager: EntityManager,
  pairs: readonly { indicatorId: string; period: string }[],
): Promise<OwnValue[]> {
  if (pairs.length === 0) return [];
  const rows: ValueRow[] = await manager.query(
    `SELECT v.indicator_id, v.municipality, v.period, v.value, v.numerator, v.denominator, v.parts, v.unit
         FROM unnest($1::text[], $2::text[]) AS k(indicator_id, period)
         JOIN indicator_values v ON v.indicator_id = k.indicator_id AND v.period = k.period`,
    [pairs.map((pair) => pair.indicatorId), pairs.map((pair) => pair.period)],
  );
  return rows.map(toOwnValue);
}

interface ValueRow {
  indicator_id: string;
  municipality: string;
  period: string;
  value: number;
  numerator: number;
  denominator: number;
  parts: unknown;
  unit: IndicatorUnit;
}

function toOwnValue(row: ValueRow): OwnValue {
  return {
    indicatorId: row.indicator_id,
    municipality: row.municipality,
    period: row.period,
    value: row.value,
    numerator: row.numerator,
    denominator: row.denominator,
    parts: storedParts.parse(row.parts),
    unit: row.unit,
  };
}
