import { EntityManager } from 'typeorm';

/** A figure as an input of the indicators: the series value of a municipality in a period, and the event it came in. */
export interface InputRow {
  municipality: string;
  series: string;
  period: string;
  value: number;
  eventId: string;
}

/** Stores the inputs (a later figure for a key replaces the earlier), in one statement. */
export async function upsertInputs(manager: EntityManager, inputs: readonly InputRow[]): Promise<void> {
  await manager.query(
    `INSERT INTO inputs (municipality, series, period, value, figure_event_id)
     SELECT r.municipality, r.series, r.period, r.value, r.event_id
       FROM jsonb_to_recordset($1::jsonb) AS r(municipality char(3), series text, period text, value float8, event_id uuid)
     ON CONFLICT (municipality, period, series) DO UPDATE SET value = EXCLUDED.value, figure_event_id = EXCLUDED.figure_event_id, updated_at = now()`,
    [
      JSON.stringify(
        inputs.map((input) => ({
          municipality: input.municipality,
          series: input.series,
          period: input.period,
          value: input.value,
          event_id: input.eventId,
        })),
      ),
    ],
  );
}

/** Every input series of each (municipality, period). */
export function inputsAt(
  manager: EntityManager,
  cells: readonly { municipality: string; period: string }[],
): Promise<{ municipality: string; period: string; series: string; value: number }[]> {
  return manager.query(
    `SELECT i.municipality, i.period, i.series, i.value FROM inputs i
       JOIN unnest($1::bpchar[], $2::text[]) AS t(municipality, period) ON i.municipality = t.municipality AND i.period = t.period`,
    [cells.map((cell) => cell.municipality), cells.map((cell) => cell.period)],
  );
}
