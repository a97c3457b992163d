import { createEvent, EventEnvelope } from '@pejling/contracts';
import { periodKind } from '@pejling/domain';

/** A `figure.recorded` event as ingest publishes it (a revision when `previousValue` is given). */
export function figureRecordedEvent(municipality: string, series: string, value: number, period = '2021-07', previousValue: number | null = null): EventEnvelope {
  return createEvent(
    'figure.recorded',
    {
      figureId: '00000000-0000-4000-8000-000000000001',
      source: 'jobindsats',
      series,
      municipality,
      period,
      periodKind: periodKind(period),
      value,
      unit: series === 'befolkning-16-66' ? 'persons' : 'full-time-persons',
      previousValue,
      revision: previousValue === null ? 1 : 2,
      sourceUpdatedAt: null,
      previousSourceUpdatedAt: null,
    },
    { source: 'pejling/ingest', municipality },
  );
}

export interface ReadingOptions {
  municipality?: string;
  indicatorId?: string;
  previousValue?: number | null;
  national?: number | null;
  cluster?: number | null;
  parts?: Record<string, number>;
}

/** An `indicator.computed` event for a share of a 70.400 population, as the indicators service publishes it. */
export function indicatorComputedEvent(value: number, period: string, options: ReadingOptions = {}): EventEnvelope<'indicator.computed'> {
  const municipality = options.municipality ?? '147';
  return createEvent(
    'indicator.computed',
    {
      indicatorId: options.indicatorId ?? 'share.sygedagpenge-mv',
      municipality,
      period,
      periodKind: periodKind(period),
      value,
      unit: 'percent',
      numerator: (value * 70400) / 100,
      denominator: 70400,
      parts: options.parts ?? { sygedagpenge: 0, jobafklaringsforloeb: 0 },
      previousValue: options.previousValue ?? null,
      benchmarks: { national: options.national ?? null, cluster: options.cluster ?? null, clusterMembers: [] },
      rank: { country: null, countryOf: 0, cluster: null, clusterOf: 0 },
    },
    { source: 'pejling/indicators', municipality },
  ) as EventEnvelope<'indicator.computed'>;
}

/** The Kafka message for an event: keyed by municipality. */
export function asMessage(event: EventEnvelope): { key: string; value: string } {
  return { key: event.municipality, value: JSON.stringify(event) };
}
