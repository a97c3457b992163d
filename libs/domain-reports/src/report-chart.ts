import { formatNumberDa, formatNumberEn, formatPeriodDa, formatPeriodEn } from '@pejling/domain-kernel';
import type { ReportChartPoint } from './report-model';

export interface ChartLabels {
  title: string;
  value: string;
  target: string;
  cluster: string;
  national: string;
}

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { left: 56, right: 12, top: 12, bottom: 44 };
const LINES = [
  { key: 'value', colour: '#1f4e79', dash: '', width: 2.5 },
  { key: 'target', colour: '#b3261e', dash: '6 4', width: 1.5 },
  { key: 'cluster', colour: '#2e7d32', dash: '2 3', width: 1.5 },
  { key: 'national', colour: '#5f6368', dash: '8 3 2 3', width: 1.5 },
] as const;

function escape(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/**
 * A goal's figures against its target and the averages as an inline SVG line chart: printed in the
 * PDF as vector graphics, no script needed. `role="img"` with a title and a description that states
 * the latest figures, so a screen reader (and the tagged PDF) gets the chart's message in words;
 * the report prints the numbers as a table beside it as well.
 */
export function reportChartSvg(
  points: readonly ReportChartPoint[],
  labels: ChartLabels,
  unit: 'percent' | 'count',
  lang: 'da' | 'en',
): string {
  const num = (value: number, decimals: number) => (lang === 'da' ? formatNumberDa(value, decimals) : formatNumberEn(value, decimals));
  const period = (value: string) => (lang === 'da' ? formatPeriodDa(value) : formatPeriodEn(value));
  const values = points
    .flatMap((point) => LINES.map((line) => point[line.key]))
    .filter((value): value is number => value !== null && Number.isFinite(value));
  const hasFigure = (point: ReportChartPoint) => LINES.some((line) => point[line.key] !== null && Number.isFinite(point[line.key]));
  const latest = [...points].reverse().find(hasFigure);
  const describe = latest
    ? LINES.filter((line) => latest[line.key] !== null)
        .filter((line) => Number.isFinite(latest[line.key]))
        .map(
          (line) => `${labels[line.key]}: ${num(latest[line.key] as number, unit === 'percent' ? 1 : 0)}${unit === 'percent' ? ' %' : ''}`,
        )
        .join('; ') + ` (${period(latest.period)})`
    : lang === 'da'
      ? 'Ingen tal i perioden.'
      : 'No figures in the period.';
  const head = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${WIDTH} ${HEIGHT}" width="100%" role="img" aria-label="${escape(`${labels.title}. ${describe}`)}"><title>${escape(labels.title)}</title><desc>${escape(describe)}</desc>`;
  if (values.length === 0)
    return `${head}<text x="${WIDTH / 2}" y="${HEIGHT / 2}" text-anchor="middle" font-size="14">${escape(describe)}</text></svg>`;
  let [low, high] = [Math.min(...values), Math.max(...values)];
  if (low === high) [low, high] = [low - 1, high + 1];
  const margin = (high - low) * 0.1;
  [low, high] = [Math.max(unit === 'percent' || low >= 0 ? 0 : -Infinity, low - margin), high + margin];
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const x = (index: number) => PAD.left + (points.length === 1 ? plotWidth / 2 : (index * plotWidth) / (points.length - 1));
  const y = (value: number) => PAD.top + plotHeight - ((value - low) / (high - low)) * plotHeight;
  const decimals = high - low < 5 ? 1 : 0;
  const ticks = [0, 1, 2, 3, 4].map((step) => low + ((high - low) * step) / 4);
  const grid = ticks
    .map(
      (tick) =>
        `<line x1="${PAD.left}" x2="${WIDTH - PAD.right}" y1="${y(tick).toFixed(1)}" y2="${y(tick).toFixed(1)}" stroke="#d0d4da" stroke-width="1"/><text x="${PAD.left - 6}" y="${(y(tick) + 4).toFixed(1)}" text-anchor="end" font-size="11" fill="#333">${num(tick, decimals)}</text>`,
    )
    .join('');
  const firstIn = points.findIndex((point) => point.inPeriod);
  const band =
    firstIn >= 0
      ? `<rect x="${(x(firstIn) - (firstIn > 0 ? (x(firstIn) - x(firstIn - 1)) / 2 : 0)).toFixed(1)}" y="${PAD.top}" width="${(WIDTH - PAD.right - x(firstIn) + (firstIn > 0 ? (x(firstIn) - x(firstIn - 1)) / 2 : 0)).toFixed(1)}" height="${plotHeight}" fill="#eef3f8"/>`
      : '';
  const every = Math.max(1, Math.ceil(points.length / 8));
  const axis = points
    .map((point, index) =>
      index % every === 0 || index === points.length - 1
        ? `<text x="${x(index).toFixed(1)}" y="${HEIGHT - PAD.bottom + 16}" text-anchor="middle" font-size="11" fill="#333">${escape(shortPeriod(point.period))}</text>`
        : '',
    )
    .join('');
  const paths = LINES.map((line) => {
    const segments: string[] = [];
    let pen = 'M';
    points.forEach((point, index) => {
      const value = point[line.key];
      if (value === null || !Number.isFinite(value)) {
        pen = 'M';
        return;
      }
      segments.push(`${pen}${x(index).toFixed(1)} ${y(value).toFixed(1)}`);
      pen = 'L';
    });
    if (segments.length === 0) return '';
    const dots =
      line.key === 'value'
        ? points
            .map((point, index) =>
              point.value === null || !Number.isFinite(point.value)
                ? ''
                : `<circle cx="${x(index).toFixed(1)}" cy="${y(point.value).toFixed(1)}" r="3" fill="${line.colour}"/>`,
            )
            .join('')
        : '';
    return `<path d="${segments.join(' ')}" fill="none" stroke="${line.colour}" stroke-width="${line.width}"${line.dash ? ` stroke-dasharray="${line.dash}"` : ''}/>${dots}`;
  }).join('');
  const legend = LINES.filter((line) => points.some((point) => point[line.key] !== null))
    .map((line, index) => {
      const left = PAD.left + index * 145;
      return `<line x1="${left}" x2="${left + 22}" y1="${HEIGHT - 10}" y2="${HEIGHT - 10}" stroke="${line.colour}" stroke-width="${line.width}"${line.dash ? ` stroke-dasharray="${line.dash}"` : ''}/><text x="${left + 28}" y="${HEIGHT - 6}" font-size="11" fill="#222">${escape(labels[line.key])}</text>`;
    })
    .join('');
  return `${head}${band}${grid}${axis}${paths}${legend}</svg>`;
}

/** `2022-06` → `06/22`; quarters and years as they are. */
function shortPeriod(period: string): string {
  return /^\d{4}-\d{2}$/.test(period) ? `${period.slice(5)}/${period.slice(2, 4)}` : period;
}
