import { EntityManager } from 'typeorm';
import { createEvent, EventEnvelope, FigureRecordedV1 } from '@pejling/contracts';
import { computeShare, indicatorsDependingOn } from '@pejling/domain';

/**
 * Applies one figure and recomputes exactly the indicators that depend on its series for that
 * municipality and period. Returns an `indicator.computed` event for each indicator whose value
 * changed; an unchanged value publishes nothing.
 */
export async function applyFigure(manager: EntityManager, figure: FigureRecordedV1, figureEventId: string, correlationId?: string): Promise<EventEnvelope[]> {
  await manager.query(
    `INSERT INTO inputs (municipality, series, period, value, figure_event_id) VALUES ($1, $2, $3, $4, $5)
     ON CONFLICT (municipality, period, series) DO UPDATE SET value = EXCLUDED.value, figure_event_id = EXCLUDED.figure_event_id, updated_at = now()`,
    [figure.municipality, figure.series, figure.period, figure.value, figureEventId],
  );
  const affected = indicatorsDependingOn(figure.series);
  if (affected.length === 0) return [];
  const inputs = await loadInputs(manager, figure.municipality, figure.period);
  const events: EventEnvelope[] = [];
  for (const indicator of affected) {
    const computed = computeShare(indicator, inputs);
    if (!computed) continue;
    const [previous] = await manager.query(
      `SELECT value FROM indicator_values WHERE indicator_id = $1 AND municipality = $2 AND period = $3 FOR UPDATE`,
      [indicator.id, figure.municipality, figure.period],
    );
    if (previous && previous.value === computed.value) continue;
    await manager.query(
      `INSERT INTO indicator_values (indicator_id, municipality, period, value, numerator, denominator, parts)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (indicator_id, municipality, period) DO UPDATE
         SET value = EXCLUDED.value, numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator, parts = EXCLUDED.parts, updated_at = now()`,
      [indicator.id, figure.municipality, figure.period, computed.value, computed.numerator, computed.denominator, JSON.stringify(computed.parts)],
    );
    events.push(
      createEvent(
        'indicator.computed',
        {
          indicatorId: indicator.id,
          municipality: figure.municipality,
          period: figure.period,
          value: computed.value,
          unit: 'percent',
          numerator: computed.numerator,
          denominator: computed.denominator,
          parts: computed.parts,
          previousValue: previous ? previous.value : null,
        },
        { source: 'pejling/indicators', municipality: figure.municipality, correlationId },
      ),
    );
  }
  return events;
}

async function loadInputs(manager: EntityManager, municipality: string, period: string): Promise<Map<string, number>> {
  const rows: { series: string; value: number }[] = await manager.query(`SELECT series, value FROM inputs WHERE municipality = $1 AND period = $2`, [
    municipality,
    period,
  ]);
  return new Map(rows.map((row) => [row.series, row.value]));
}
