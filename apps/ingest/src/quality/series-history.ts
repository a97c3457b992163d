import { FigureRef, historyWindowMonths } from '@pejling/domain-figures';
import { addMonths, parsePeriod } from '@pejling/domain-kernel';
import type { SeriesWindow } from '../persistence/figures.repository';

/** The stretch of one series (source, series, municipality) the checks need, as period end months. */
interface HistoryWindow extends SeriesWindow {
  key: string;
}

/** Reads each window's figures with their period end month (FiguresRepository.inWindows, in the writer's transaction). */
export type ReadWindows = (windows: readonly SeriesWindow[]) => Promise<{ ref: FigureRef; end: string }[]>;

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

  constructor(private readonly read: ReadWindows) {}

  static async readOnce(read: ReadWindows, refs: readonly FigureRef[]): Promise<FigureRef[]> {
    const rows = await readWindows(read, windowsOf(refs), false);
    return rows.map(({ ref }) => ref);
  }

  /** The history windows of `refs` (figures this import just stored), from what is held, reading only what is not. */
  async windowsFor(refs: readonly FigureRef[]): Promise<FigureRef[]> {
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
    for (const row of await readWindows(this.read, missing, true)) this.held.get(seriesKey(row.ref))?.points.set(row.ref.period, row);
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
    if (!window)
      windows.set(key, { key, source: ref.source, series: ref.series, municipality: ref.municipality, from, to: parsed.endMonth });
    else
      windows.set(key, {
        ...window,
        from: from < window.from ? from : window.from,
        to: parsed.endMonth > window.to ? parsed.endMonth : window.to,
      });
  }
  return [...windows.values()];
}

/** Each window's figures; `openEnded` reads everything from its start on (what `SeriesHistory` holds must be complete). */
function readWindows(read: ReadWindows, windows: readonly HistoryWindow[], openEnded: boolean): Promise<{ ref: FigureRef; end: string }[]> {
  return read(openEnded ? windows.map((window) => ({ ...window, to: '9999-12' })) : windows);
}
