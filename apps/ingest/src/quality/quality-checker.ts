import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { createEvent, EventEnvelope } from '@pejling/contracts';
import { FigureRef, QualityReview, reviewFigures, SourcedFlag } from '@pejling/domain-figures';
import { allSeries } from '@pejling/domain-kernel';
import type { UnitOfWork } from '@pejling/platform';
import { FigureKeyFields, FiguresRepository } from '../persistence/figures.repository';
import { QualityFlagsRepository } from './quality-flags.repository';
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
  allSeries().map(
    (series) => [series.id, [...new Set([...GROUP_MEMBERS.values()].filter((list) => list.includes(series.id)).flat())]] as const,
  ),
);

/** The soft data-quality checks, run inside a figure writer's transaction. */
@Injectable()
export class QualityChecker {
  constructor(
    private readonly figures: FiguresRepository,
    private readonly flags: QualityFlagsRepository,
  ) {}

  /**
   * Runs the checks on what a batch stored: reads the series' recent history (or takes it from an
   * import's `history`) and the groups' parts, then records the review (see `record`).
   */
  async check(unit: UnitOfWork, stored: readonly FigureRef[], batchId: string, history?: SeriesHistory): Promise<QualityOutcome> {
    if (stored.length === 0) return { flagged: 0, events: [], found: [] };
    const refs: FigureRef[] = stored.map(({ source, series, municipality, period, value }) => ({
      source,
      series,
      municipality,
      period,
      value,
    }));
    const series = history ? await history.windowsFor(refs) : await SeriesHistory.readOnce(this.reader(unit), refs);
    const groups = await this.figures.valuesOf(unit.manager, groupCells(refs));
    return this.record(unit, reviewFigures(refs, [...series, ...groups]), batchId);
  }

  /** How a `SeriesHistory` reads the figures, in this transaction. */
  reader(unit: UnitOfWork) {
    return (windows: Parameters<FiguresRepository['inWindows']>[1]) => this.figures.inWindows(unit.manager, windows);
  }

  /**
   * Stores what a review found: resolves open flags it checked and no longer raises, inserts new
   * flags (one open flag per check and figure) and returns a `figure.flagged` event per new flag.
   * Used for the stored-figure checks and for a printed table's.
   */
  async record(unit: UnitOfWork, review: QualityReview, batchId: string): Promise<QualityOutcome> {
    if (review.checked.length > 0) await this.resolveSettled(unit, review, batchId);
    if (review.flags.length === 0) return { flagged: 0, events: [], found: [] };
    const flags = review.flags.map((flag) => ({ ...flag, id: randomUUID() }));
    const fresh = new Set(await this.flags.insertNew(unit.manager, flags, batchId));
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

  /**
   * Resolves the open flags that a re-check no longer raises. Open flags are few and checked targets
   * many (three per figure in a backfill): the batch's municipalities' open flags are read once and
   * matched here, instead of probing the table once per target.
   */
  private async resolveSettled(unit: UnitOfWork, review: QualityReview, batchId: string): Promise<void> {
    const open = await this.flags.openIn(unit.manager, [...new Set(review.checked.map((target) => target.municipality))]);
    if (open.length === 0) return;
    const raised = new Set(review.flags.map((flag) => targetKey(flag.check, flag.source, flag.series, flag.municipality, flag.period)));
    const checked = new Set(
      review.checked.map((target) => targetKey(target.check, target.source, target.series, target.municipality, target.period)),
    );
    const settled = open.filter((flag) => {
      const key = targetKey(flag.check_kind, flag.source, flag.series, flag.municipality, flag.period);
      return checked.has(key) && !raised.has(key);
    });
    if (settled.length === 0) return;
    await this.flags.resolve(
      unit.manager,
      settled.map((flag) => flag.id),
      batchId,
    );
  }
}

/** The totals and parts of every group a changed figure belongs to, in the same source, municipality and period. */
function groupCells(refs: readonly FigureRef[]): FigureKeyFields[] {
  const cells = new Map<string, { source: string; municipality: string; period: string; series: Set<string> }>();
  for (const ref of refs) {
    const members = RELATED_SERIES.get(ref.series) ?? [];
    if (members.length === 0) continue;
    const key = `${ref.source}|${ref.municipality}|${ref.period}`;
    const cell = cells.get(key) ?? { source: ref.source, municipality: ref.municipality, period: ref.period, series: new Set<string>() };
    for (const member of members) cell.series.add(member);
    cells.set(key, cell);
  }
  return [...cells.values()].flatMap((cell) =>
    [...cell.series].map((series) => ({ source: cell.source, municipality: cell.municipality, period: cell.period, series })),
  );
}

function targetKey(check: string, source: string, series: string, municipality: string, period: string): string {
  return `${check}|${source}|${series}|${municipality}|${period}`;
}
