import { EntityManager } from 'typeorm';
import { FigureRef, historyWindowMonths } from '@pejling/domain-figures';
import { addMonths, parsePeriod } from '@pejling/domain-kernel';

/** The stretch of one series (source, series, municipality) the checks need, as period end months. */
interface HistoryWindow {
  key: string;
  source: string;
  series: string;
  municipality: string;
  from: string;
  to: string;
}

interface HeldSeries {
  /** Every figure of the series ending in this month or later is held. */
  from: string;
  points: Map<string, { ref: FigureRef; end: string }>;
}

/** Points held per series before the oldest are dropped: a few history windows' worth. */
const MAX_POINTS_PER_SERIES = 60;

const seriesKey = (ref: Pick<FigureRef, 'source' | 'series' | 'municipality'>) => `${ref.source}|${ref.series}|${ref.municipality}`;

/**
 * The recent history of the series a batch changed, for the jump and missing-period checks.
 * `readOnce` reads it for one batch. An import keeps one `SeriesHistory` across its chunks: it
 * holds the figure writers' lock alone, so once a series has been read, every later change to it
 * comes from the import itself and is recorded here. Each series is then read from the database
 * once per import instead of once per chunk.
 */
export class SeriesHistory {
  private readonly held = new Map<string, HeldSeries>();

  static async readOnce(manager: EntityManager, refs: readonly FigureRef[]): Promise<FigureRef[]> {
    const rows = await readWindows(manager, windowsOf(refs), false);
    return rows.map(({ ref }) => ref);
  }

  /** The history windows of `refs` (figures this import just stored), from what is held, reading only what is not. */
  async windowsFor(manager: EntityManager, refs: readonly FigureRef[]): Promise<FigureRef[]> {
    for (const ref of refs) this.held.get(seriesKey(ref))?.points.set(ref.period, { ref, end: endOf(ref.period) });
    // Each window with the series held for it: one not held from the window's start on is held afresh and read.
    const missing: HistoryWindow[] = [];
    const holding = windowsOf(refs).map((window) => {
      const held = this.held.get(window.key);
      if (held && window.from >= held.from) return { window, held };
      const fresh: HeldSeries = { from: window.from, points: new Map() };
      this.held.set(window.key, fresh);
      missing.push(window);
      return { window, held: fresh };
    });
    for (const row of await readWindows(manager, missing, true)) this.held.get(seriesKey(row.ref))?.points.set(row.ref.period, row);
    const history: FigureRef[] = [];
    for (const { window, held } of holding) {
      for (const point of held.points.values()) if (point.end >= window.from && point.end <= window.to) history.push(point.ref);
      if (held.points.size > MAX_POINTS_PER_SERIES) dropBefore(held, window.from);
    }
    return history;
  }
}

function dropBefore(held: HeldSeries, from: string): void {
  for (const [period, point] of held.points) if (point.end < from) held.points.delete(period);
  held.from = from;
}

function endOf(period: string): string {
  const parsed = parsePeriod(period);
  return parsed.ok ? parsed.endMonth : period;
}

function windowsOf(refs: readonly FigureRef[]): HistoryWindow[] {
  const windows = new Map<string, HistoryWindow>();
  for (const ref of refs) {
    const parsed = parsePeriod(ref.period);
    if (!parsed.ok) continue;
    const key = seriesKey(ref);
    const from = addMonths(parsed.endMonth, -historyWindowMonths(ref.period));
    const window = windows.get(key);
    if (!window) windows.set(key, { key, source: ref.source, series: ref.series, municipality: ref.municipality, from, to: parsed.endMonth });
    else windows.set(key, { ...window, from: from < window.from ? from : window.from, to: parsed.endMonth > window.to ? parsed.endMonth : window.to });
  }
  return [...windows.values()];
}

/** Each window's figures; `openEnded` reads everything from its start on (what `SeriesHistory` holds must be complete). */
async function readWindows(manager: EntityManager, windows: readonly HistoryWindow[], openEnded: boolean): Promise<{ ref: FigureRef; end: string }[]> {
  if (windows.length === 0) return [];
  const rows: (FigureRef & { period_end: string })[] = await manager.query(
    `SELECT f.source, f.series, f.municipality, f.period, f.value, f.period_end FROM figures f
       JOIN unnest($1::text[], $2::text[], $3::bpchar[], $4::text[], $5::text[]) AS w(source, series, municipality, from_end, to_end)
         ON f.source = w.source AND f.series = w.series AND f.municipality = w.municipality AND f.period_end BETWEEN w.from_end AND w.to_end`,
    [
      windows.map((window) => window.source), windows.map((window) => window.series), windows.map((window) => window.municipality),
      windows.map((window) => window.from), windows.map((window) => (openEnded ? '9999-12' : window.to)),
    ],
  );
  return rows.map(({ period_end: end, ...ref }) => ({ ref, end }));
}
