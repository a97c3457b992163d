import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import { createEvent, EventEnvelope } from '@pejling/contracts';
import { FigureRef, QualityReview, reviewFigures, SourcedFlag } from '@pejling/domain-figures';
import { allSeries } from '@pejling/domain-kernel';
import { StoredChange } from '../figures/figure-store';
import { SeriesHistory } from './series-history';

export interface QualityOutcome {
  flagged: number;
  events: EventEnvelope[];
  /** Every flag the checks raised: new ones with their id, and those already open from an earlier import. */
  found: FoundFlag[];
}

export type FoundFlag = SourcedFlag & { flagId: string | null; new: boolean };

const GROUP_MEMBERS = new Map(allSeries().flatMap((series) => (series.parts ? [[series.id, [series.id, ...series.parts]] as const] : [])));
/** Per series: every total and part of the groups it belongs to (empty for a series in no group). */
const RELATED_SERIES = new Map(
  allSeries().map((series) => [series.id, [...new Set([...GROUP_MEMBERS.values()].filter((list) => list.includes(series.id)).flat())]] as const),
);

/**
 * Runs the soft data-quality checks on what a batch stored, inside its transaction: reads the
 * series' recent history (or takes it from an import's `history`) and the groups' parts, stores
 * new flags (one open flag per check and figure), resolves open flags a re-check no longer raises,
 * and returns a `figure.flagged` event per new flag.
 */
export async function checkQuality(manager: EntityManager, changes: readonly StoredChange[], batchId: string, history?: SeriesHistory): Promise<QualityOutcome> {
  if (changes.length === 0) return { flagged: 0, events: [], found: [] };
  const refs: FigureRef[] = changes.map(({ figure }) => ({ source: figure.source, series: figure.series, municipality: figure.municipality, period: figure.period, value: figure.value }));
  const series = history ? await history.windowsFor(manager, refs) : await SeriesHistory.readOnce(manager, refs);
  const stored = [...series, ...(await loadGroups(manager, refs))];
  return recordReview(manager, reviewFigures(refs, stored), batchId);
}

/**
 * Stores what a review found, inside the caller's transaction: resolves open flags it checked and
 * no longer raises, inserts new flags (one open flag per check and figure) and returns a
 * `figure.flagged` event per new flag. Used for the stored-figure checks and for a printed table's.
 */
export async function recordReview(manager: EntityManager, review: QualityReview, batchId: string): Promise<QualityOutcome> {
  if (review.checked.length > 0) await resolveSettled(manager, review, batchId);
  if (review.flags.length === 0) return { flagged: 0, events: [], found: [] };
  const flags = review.flags.map((flag) => ({ ...flag, id: randomUUID() }));
  const inserted: { id: string }[] = await manager.query(
    `INSERT INTO quality_flags (id, check_kind, source, series, municipality, period, value, details, message, batch_id)
     SELECT f.*, $10::uuid FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::float8[], $8::jsonb[], $9::jsonb[]) AS f
     ON CONFLICT (check_kind, source, series, municipality, period) WHERE resolved_at IS NULL DO NOTHING
     RETURNING id`,
    [
      flags.map((flag) => flag.id),
      flags.map((flag) => flag.check),
      flags.map((flag) => flag.source),
      flags.map((flag) => flag.series),
      flags.map((flag) => flag.municipality),
      flags.map((flag) => flag.period),
      flags.map((flag) => flag.value),
      flags.map((flag) => JSON.stringify(flag.details)),
      flags.map((flag) => JSON.stringify(flag.message)),
      batchId,
    ],
  );
  const fresh = new Set(inserted.map((row) => row.id));
  const found = flags.map(({ id, ...flag }) => ({ ...flag, flagId: fresh.has(id) ? id : null, new: fresh.has(id) }));
  const events = flags
    .filter((flag) => fresh.has(flag.id))
    .map((flag) =>
      createEvent(
        'figure.flagged',
        {
          flagId: flag.id,
          check: flag.check,
          source: flag.source,
          series: flag.series,
          municipality: flag.municipality,
          period: flag.period,
          value: flag.value,
          details: flag.details,
          message: flag.message,
          batchId,
        },
        { source: 'pejling/ingest', municipality: flag.municipality, correlationId: batchId },
      ),
    );
  return { flagged: events.length, events, found };
}

/** The totals and parts of every group a changed figure belongs to, in the same source, municipality and period. */
async function loadGroups(manager: EntityManager, refs: FigureRef[]): Promise<FigureRef[]> {
  const cells = new Map<string, { source: string; municipality: string; period: string; series: Set<string> }>();
  for (const ref of refs) {
    const members = RELATED_SERIES.get(ref.series) ?? [];
    if (members.length === 0) continue;
    const key = `${ref.source}|${ref.municipality}|${ref.period}`;
    const cell = cells.get(key) ?? { source: ref.source, municipality: ref.municipality, period: ref.period, series: new Set<string>() };
    for (const member of members) cell.series.add(member);
    cells.set(key, cell);
  }
  if (cells.size === 0) return [];
  const rows = [...cells.values()].flatMap((cell) => [...cell.series].map((series) => ({ ...cell, series })));
  return manager.query(
    `SELECT f.source, f.series, f.municipality, f.period, f.value FROM figures f
       JOIN unnest($1::text[], $2::text[], $3::bpchar[], $4::text[]) AS c(source, series, municipality, period)
         ON f.source = c.source AND f.series = c.series AND f.municipality = c.municipality AND f.period = c.period`,
    [rows.map((row) => row.source), rows.map((row) => row.series), rows.map((row) => row.municipality), rows.map((row) => row.period)],
  );
}

function targetKey(check: string, source: string, series: string, municipality: string, period: string): string {
  return `${check}|${source}|${series}|${municipality}|${period}`;
}

/**
 * Resolves the open flags that a re-check no longer raises. Open flags are few and checked targets
 * many (three per figure in a backfill): the batch's municipalities' open flags are read once and
 * matched here, instead of probing the table once per target.
 */
async function resolveSettled(manager: EntityManager, review: QualityReview, batchId: string): Promise<void> {
  const municipalities = [...new Set(review.checked.map((target) => target.municipality))];
  const open: { id: string; check_kind: string; source: string; series: string; municipality: string; period: string }[] = await manager.query(
    `SELECT id, check_kind, source, series, municipality, period FROM quality_flags WHERE resolved_at IS NULL AND municipality = ANY($1::bpchar[])`,
    [municipalities],
  );
  if (open.length === 0) return;
  const raised = new Set(review.flags.map((flag) => targetKey(flag.check, flag.source, flag.series, flag.municipality, flag.period)));
  const checked = new Set(review.checked.map((target) => targetKey(target.check, target.source, target.series, target.municipality, target.period)));
  const settled = open.filter((flag) => {
    const key = targetKey(flag.check_kind, flag.source, flag.series, flag.municipality, flag.period);
    return checked.has(key) && !raised.has(key);
  });
  if (settled.length === 0) return;
  await manager.query(`UPDATE quality_flags SET resolved_at = now(), resolved_by_batch = $2::uuid WHERE id = ANY($1::uuid[])`, [settled.map((flag) => flag.id), batchId]);
}
