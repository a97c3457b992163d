import { EntityManager } from 'typeorm';
import { IndicatorUnit } from '@pejling/domain-indicators';
import { storedParts } from './own-values.repository';

/** A municipality's own value of an (indicator, period) with the reading last published for it. */
export interface ValueWithPublished {
  indicator_id: string;
  period: string;
  municipality: string;
  unit: IndicatorUnit;
  value: number;
  numerator: number;
  denominator: number;
  parts: Record<string, number>;
  published_value: number | null;
  published_signature: string | null;
}

/** A reading as published: its value and the signature of everything in it. */
export interface PublishedReading {
  indicator_id: string;
  period: string;
  municipality: string;
  value: number;
  signature: string;
}

/** Every municipality's value of each (indicator, period), with what was last published for it, in one statement. */
export async function valuesWithPublished(
  manager: EntityManager,
  pairs: readonly { indicatorId: string; period: string }[],
): Promise<ValueWithPublished[]> {
  const rows: (Omit<ValueWithPublished, 'parts'> & { parts: unknown })[] = await manager.query(
    `SELECT v.indicator_id, v.period, v.municipality, v.value, v.numerator, v.denominator, v.parts, v.unit, p.value AS published_value, p.signature AS published_signature
       FROM unnest($1::text[], $2::text[]) AS d(indicator_id, period)
       JOIN indicator_values v ON v.indicator_id = d.indicator_id AND v.period = d.period
       LEFT JOIN published_readings p ON p.indicator_id = v.indicator_id AND p.period = v.period AND p.municipality = v.municipality
      ORDER BY v.indicator_id, v.period, v.municipality`,
    [pairs.map((pair) => pair.indicatorId), pairs.map((pair) => pair.period)],
  );
  return rows.map((row) => ({ ...row, parts: storedParts.parse(row.parts) }));
}

/** Records the readings as the last published ones, in one statement. */
export async function storePublishedReadings(manager: EntityManager, readings: readonly PublishedReading[]): Promise<void> {
  await manager.query(
    `INSERT INTO published_readings (indicator_id, period, municipality, value, signature)
     SELECT r.indicator_id, r.period, r.municipality, r.value, r.signature
       FROM jsonb_to_recordset($1::jsonb) AS r(indicator_id text, period text, municipality char(3), value float8, signature text)
     ON CONFLICT (indicator_id, period, municipality) DO UPDATE SET value = EXCLUDED.value, signature = EXCLUDED.signature, published_at = now()`,
    [JSON.stringify(readings)],
  );
}
