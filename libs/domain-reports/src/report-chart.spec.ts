import { ChartLabels, reportChartSvg } from './report-chart';
import type { ReportChartPoint } from './report-model';

const DA: ChartLabels = { title: 'Andel på alle ydelser', value: 'Kommunen', target: 'Måltal', cluster: 'Klyngen', national: 'Landet' };
const EN: ChartLabels = {
  title: 'Share on all benefits',
  value: 'Municipality',
  target: 'Target',
  cluster: 'Cluster',
  national: 'National',
};

function point(period: string, value: number | null, extra: Partial<ReportChartPoint> = {}): ReportChartPoint {
  return { period, value, target: null, cluster: null, national: null, inPeriod: true, ...extra };
}

/** Monthly points of the given values from January 2022 on. */
const monthly = (values: (number | null)[], extra: Partial<ReportChartPoint> = {}) =>
  values.map((value, index) => point(`2022-${String(index + 1).padStart(2, '0')}`, value, extra));

const only = (svg: string, tag: string): string => {
  const found = [...svg.matchAll(new RegExp(`<${tag}>([^<]*)</${tag}>`, 'g'))].map((match) => match[1]);
  expect(found).toHaveLength(1);
  return found[0];
};

const circles = (svg: string) =>
  [...svg.matchAll(/<circle cx="([^"]*)" cy="([^"]*)"/g)].map((match) => ({ cx: Number(match[1]), cy: Number(match[2]) }));
const pathData = (svg: string) => [...svg.matchAll(/<path d="([^"]*)"/g)].map((match) => match[1]);
/** The texts printed in the chart (axis ticks, period labels, legend), unescaped as a reader sees them. */
const texts = (svg: string) => [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((match) => match[1]);
const viewBox = (svg: string) => {
  const match = /viewBox="([^"]*)"/.exec(svg);
  expect(match).not.toBeNull();
  const [minX, minY, width, height] = (match as RegExpExecArray)[1].split(' ').map(Number);
  return { minX, minY, width, height };
};

/**
 * A small well-formedness check: tags nest and close, attributes are quoted, and text and attribute
 * values hold no raw `<`, `>` or a bare `&`.
 */
function expectWellFormed(svg: string): void {
  const tag = /<(\/?)([a-zA-Z][\w:-]*)((?:\s+[\w:-]+="[^"]*")*)\s*(\/?)>/g;
  const bareAmpersand = /&(?!(?:amp|lt|gt|quot|apos|#\d+);)/;
  const stack: string[] = [];
  let end = 0;
  for (const match of svg.matchAll(tag)) {
    const text = svg.slice(end, match.index);
    if (stack.length === 0) expect(text).toBe('');
    expect(text).not.toMatch(/[<>]/);
    expect(text).not.toMatch(bareAmpersand);
    for (const [, value] of match[3].matchAll(/="([^"]*)"/g)) expect(value).not.toMatch(bareAmpersand);
    end = (match.index as number) + match[0].length;
    const [, closing, name, , selfClosing] = match;
    if (closing) expect(stack.pop()).toBe(name);
    else if (!selfClosing) stack.push(name);
  }
  expect(svg.slice(end)).toBe('');
  expect(stack).toEqual([]);
}

/** Every coordinate and size in the drawing is a finite number. */
function expectFinite(svg: string): void {
  expect(svg).not.toMatch(/NaN|Infinity/);
  for (const [, , value] of svg.matchAll(/\s(x|y|x1|x2|y1|y2|cx|cy|r|width|height)="([^"%]*)"/g))
    expect(Number.isFinite(Number(value))).toBe(true);
  for (const d of pathData(svg))
    for (const number of d.replace(/[ML]/g, ' ').trim().split(/\s+/)) expect(Number.isFinite(Number(number))).toBe(true);
}

const LATEST_FOUR = [
  point('2022-05', 13.7, { target: 11, cluster: 12.1, national: 14 }),
  point('2022-06', 11.2, { target: 10, cluster: 12.3, national: 9.5 }),
];

describe('reportChartSvg: the image and its words', () => {
  it('is a well-formed SVG image labelled by a title and a description', () => {
    const svg = reportChartSvg(LATEST_FOUR, DA, 'percent', 'da');
    expect(svg.startsWith('<svg ')).toBe(true);
    expect(svg.endsWith('</svg>')).toBe(true);
    expect(svg).toContain('xmlns="http://www.w3.org/2000/svg"');
    expect(svg).toMatch(/<svg [^>]*role="img"/);
    expect(only(svg, 'title')).toBe(DA.title);
    expect(only(svg, 'desc')).not.toBe('');
    expectWellFormed(svg);
    const box = viewBox(svg);
    expect([box.minX, box.minY]).toEqual([0, 0]);
    expect(box.width).toBeGreaterThan(0);
    expect(box.height).toBeGreaterThan(0);
  });

  it('describes the latest figures in Danish, with decimal commas and the month’s name', () => {
    const svg = reportChartSvg(LATEST_FOUR, DA, 'percent', 'da');
    expect(only(svg, 'desc')).toBe('Kommunen: 11,2 %; Måltal: 10,0 %; Klyngen: 12,3 %; Landet: 9,5 % (juni 2022)');
  });

  it('describes the latest figures in English, with decimal points', () => {
    const svg = reportChartSvg(LATEST_FOUR, EN, 'percent', 'en');
    expect(only(svg, 'desc')).toBe('Municipality: 11.2 %; Target: 10.0 %; Cluster: 12.3 %; National: 9.5 % (June 2022)');
  });

  it('leaves the lines without a latest figure out of the description', () => {
    const svg = reportChartSvg([point('2022-05', 8, { national: 7 }), point('2022-06', 8.04, { cluster: 9.96 })], DA, 'percent', 'da');
    expect(only(svg, 'desc')).toBe('Kommunen: 8,0 %; Klyngen: 10,0 % (juni 2022)');
  });

  it('describes counts without decimals or a percent sign, and quarters by name', () => {
    const points = [point('2022Q1', 1180), point('2022Q2', 1234.4, { target: 1100 })];
    expect(only(reportChartSvg(points, { ...DA, value: 'Fuldtidspersoner' }, 'count', 'da'), 'desc')).toBe(
      'Fuldtidspersoner: 1.234; Måltal: 1.100 (2. kvartal 2022)',
    );
    expect(only(reportChartSvg(points, { ...EN, value: 'Full-time persons' }, 'count', 'en'), 'desc')).toBe(
      'Full-time persons: 1,234; Target: 1,100 (Q2 2022)',
    );
  });

  it('says there are no figures when there are no points, and draws no lines', () => {
    const da = reportChartSvg([], DA, 'percent', 'da');
    expect(only(da, 'desc')).toBe('Ingen tal i perioden.');
    expect(texts(da)).toEqual(['Ingen tal i perioden.']);
    expect(da).not.toMatch(/<path|<circle|<rect|<line/);
    expectWellFormed(da);
    const en = reportChartSvg([], EN, 'percent', 'en');
    expect(only(en, 'desc')).toBe('No figures in the period.');
    expect(texts(en)).toEqual(['No figures in the period.']);
  });

  it('escapes the labels as XML text', () => {
    const labels: ChartLabels = {
      title: 'Ledighed <&> "brutto"',
      value: 'A & B <ny>',
      target: 'Mål > 5',
      cluster: 'Klynge',
      national: 'Land',
    };
    const svg = reportChartSvg([point('2022-05', 4, { target: 5 }), point('2022-06', 4.5, { target: 5 })], labels, 'percent', 'da');
    expectWellFormed(svg);
    expect(only(svg, 'title')).toBe('Ledighed &lt;&amp;&gt; &quot;brutto&quot;');
    expect(only(svg, 'desc')).toBe('A &amp; B &lt;ny&gt;: 4,5 %; Mål &gt; 5: 5,0 % (juni 2022)');
    expect(texts(svg)).toEqual(expect.arrayContaining(['A &amp; B &lt;ny&gt;', 'Mål &gt; 5']));
    expect(svg).not.toContain('<&>');
    expect(svg).not.toContain('<ny>');
  });
});

describe('reportChartSvg: fixed faults', () => {
  it('names the image by its own aria-label (title and description), not by ids that do not exist', () => {
    const svg = reportChartSvg(LATEST_FOUR, DA, 'percent', 'da');
    expect(svg).not.toContain('aria-labelledby');
    expect(svg).toMatch(new RegExp(`<svg [^>]*aria-label="${DA.title}\\. [^"]+"`));
  });

  it('says there are no figures when every point lacks them, and describes the latest point that has one', () => {
    const empty = reportChartSvg([point('2022-05', null), point('2022-06', null)], DA, 'percent', 'da');
    expect(only(empty, 'desc')).toBe('Ingen tal i perioden.');
    const lastEmpty = reportChartSvg([point('2022-05', 2.5), point('2022-06', null)], DA, 'percent', 'da');
    expect(only(lastEmpty, 'desc')).toContain('2,5 %');
    expect(only(lastEmpty, 'desc')).toContain('maj 2022');
  });

  it('draws no dot for a value that is not a finite number', () => {
    const svg = reportChartSvg(monthly([1, Number.NaN, 3]), DA, 'percent', 'da');
    expect(svg).not.toContain('NaN');
    expect(circles(svg)).toHaveLength(2);
  });
});

describe('reportChartSvg: the lines', () => {
  it('breaks the value line where a value is missing, into two segments', () => {
    const values = [3, 4, null, 5, 6];
    const svg = reportChartSvg(monthly(values), DA, 'percent', 'da');
    const [d, ...others] = pathData(svg);
    expect(others).toEqual([]);
    const commands = d.match(/[ML]/g) ?? [];
    const present = values.filter((value) => value !== null).length;
    expect(commands.filter((command) => command === 'M')).toHaveLength(2);
    expect(commands).toHaveLength(present);
    expect(d.startsWith('M')).toBe(true);
    // One dot per figure, none for the gap.
    expect(circles(svg)).toHaveLength(present);
  });

  it('draws an unbroken line when every value is present, and starts it at the first value after leading gaps', () => {
    const full = pathData(reportChartSvg(monthly([3, 4, 5, 6]), DA, 'percent', 'da'));
    expect(full).toHaveLength(1);
    expect(full[0].match(/M/g)).toHaveLength(1);
    const leading = pathData(reportChartSvg(monthly([null, null, 5, 6]), DA, 'percent', 'da'));
    expect(leading[0].match(/M/g)).toHaveLength(1);
    expect(leading[0].match(/L/g)).toHaveLength(1);
  });

  it('draws one line per series that has data', () => {
    const points = monthly([3, 4, 5]).map((p, index) => ({ ...p, target: 4, cluster: index === 1 ? null : 4.5 }));
    const d = pathData(reportChartSvg(points, DA, 'percent', 'da'));
    // Value, target and cluster; the cluster line is broken by its gap; no national line.
    expect(d).toHaveLength(3);
    expect(d.map((line) => (line.match(/M/g) ?? []).length).sort()).toEqual([1, 1, 2]);
  });

  it('lists in the legend only the lines that have data', () => {
    const points = [point('2022-04', 3, { national: 5 }), point('2022-05', 3.5, { cluster: 4 }), point('2022-06', 3.2, { cluster: 4.1 })];
    const printed = texts(reportChartSvg(points, DA, 'percent', 'da'));
    expect(printed).toEqual(expect.arrayContaining([DA.value, DA.cluster, DA.national]));
    expect(printed).not.toContain(DA.target);
    const valueOnly = texts(reportChartSvg(monthly([1, 2]), DA, 'percent', 'da'));
    expect(valueOnly).toContain(DA.value);
    for (const label of [DA.target, DA.cluster, DA.national]) expect(valueOnly).not.toContain(label);
  });

  it('draws later points to the right and higher values higher up, inside the picture', () => {
    const values = [2, 6, 4, 8];
    const svg = reportChartSvg(monthly(values), DA, 'percent', 'da');
    const dots = circles(svg);
    const box = viewBox(svg);
    expect(dots).toHaveLength(values.length);
    for (let index = 1; index < dots.length; index++) expect(dots[index].cx).toBeGreaterThan(dots[index - 1].cx);
    for (let a = 0; a < values.length; a++)
      for (let b = 0; b < values.length; b++) if (values[a] > values[b]) expect(dots[a].cy).toBeLessThan(dots[b].cy);
    for (const dot of dots) {
      expect(dot.cx).toBeGreaterThan(box.minX);
      expect(dot.cx).toBeLessThan(box.minX + box.width);
      expect(dot.cy).toBeGreaterThan(box.minY);
      expect(dot.cy).toBeLessThan(box.minY + box.height);
    }
    expectFinite(svg);
  });

  it('shades the report period from halfway between the last month before it and its first month', () => {
    const points = monthly([5, 6, 7, 8]).map((p, index) => ({ ...p, inPeriod: index >= 2 }));
    const svg = reportChartSvg(points, DA, 'percent', 'da');
    const dots = circles(svg);
    const rect = /<rect x="([^"]*)" y="[^"]*" width="([^"]*)"/.exec(svg);
    expect(rect).not.toBeNull();
    const [x, width] = [Number((rect as RegExpExecArray)[1]), Number((rect as RegExpExecArray)[2])];
    expect(x).toBeCloseTo((dots[1].cx + dots[2].cx) / 2, 0);
    // It reaches past the last point, within the picture.
    expect(x + width).toBeGreaterThanOrEqual(dots[3].cx - 0.1);
    expect(x + width).toBeLessThanOrEqual(viewBox(svg).width);
  });

  it('shades from the first point when the whole chart is in the period, and nothing when none of it is', () => {
    const all = reportChartSvg(monthly([5, 6, 7]), DA, 'percent', 'da');
    const x = Number((/<rect x="([^"]*)"/.exec(all) as RegExpExecArray)[1]);
    expect(x).toBeCloseTo(circles(all)[0].cx, 0);
    expect(reportChartSvg(monthly([5, 6, 7], { inPeriod: false }), DA, 'percent', 'da')).not.toContain('<rect');
  });
});

describe('reportChartSvg: the axes', () => {
  it('labels months as MM/YY, at most about eight of them, always the first and the last', () => {
    const points = Array.from({ length: 18 }, (_, index) => {
      const date = new Date(Date.UTC(2021, index, 1));
      return point(`${date.getUTCFullYear()}-${String(date.getUTCMonth() + 1).padStart(2, '0')}`, 5 + (index % 3), {
        inPeriod: index >= 12,
      });
    });
    const periodLabels = texts(reportChartSvg(points, DA, 'percent', 'da')).filter((text) => /^\d{2}\/\d{2}$/.test(text));
    expect(periodLabels[0]).toBe('01/21');
    expect(periodLabels[periodLabels.length - 1]).toBe('06/22');
    expect(periodLabels.length).toBeGreaterThan(2);
    expect(periodLabels.length).toBeLessThanOrEqual(9);
    expect(new Set(periodLabels).size).toBe(periodLabels.length);
  });

  it('labels every point of a short chart, and quarters as they are', () => {
    const printed = texts(reportChartSvg([point('2021Q4', 5), point('2022Q1', 6), point('2022Q2', 7)], DA, 'percent', 'da'));
    expect(printed).toEqual(expect.arrayContaining(['2021Q4', '2022Q1', '2022Q2']));
    const months = texts(reportChartSvg(monthly([1, 2, 3]), DA, 'percent', 'da'));
    expect(months).toEqual(expect.arrayContaining(['01/22', '02/22', '03/22']));
  });

  it('prints the value ticks in the report’s number format, with a decimal for a narrow range', () => {
    const narrow = [11.2, 11.5, 11.8];
    const ticks = (lang: 'da' | 'en') =>
      texts(reportChartSvg(monthly(narrow), lang === 'da' ? DA : EN, 'percent', lang)).filter(
        (text) => /^-?[\d.,]+$/.test(text) && !/\//.test(text),
      );
    expect(ticks('da').length).toBeGreaterThanOrEqual(2);
    for (const tick of ticks('da')) expect(tick).toMatch(/^\d+,\d$/);
    for (const tick of ticks('en')) expect(tick).toMatch(/^\d+\.\d$/);
    // The ticks span the figures.
    const values = ticks('en').map(Number);
    expect(Math.min(...values)).toBeLessThanOrEqual(Math.min(...narrow));
    expect(Math.max(...values)).toBeGreaterThanOrEqual(Math.max(...narrow));
  });

  it('never puts a percent axis below zero, but lets a count axis go negative for negative counts', () => {
    const tickValues = (svg: string) =>
      texts(svg)
        .filter((text) => /^-?[\d.,]+$/.test(text))
        .map((text) => Number(text.replace(/\./g, '').replace(',', '.')));
    const percent = tickValues(reportChartSvg(monthly([0.1, 5]), DA, 'percent', 'da'));
    expect(Math.min(...percent)).toBe(0);
    const counts = tickValues(reportChartSvg(monthly([-250, 100]), DA, 'count', 'da'));
    expect(Math.min(...counts)).toBeLessThanOrEqual(-250);
  });
});

describe('reportChartSvg: degenerate series stay drawable', () => {
  it('keeps every number finite for a single point, and puts it inside the picture', () => {
    const svg = reportChartSvg([point('2022-06', 7.5, { target: 7, cluster: 8, national: 6 })], DA, 'percent', 'da');
    expectFinite(svg);
    expectWellFormed(svg);
    const [dot, ...rest] = circles(svg);
    expect(rest).toEqual([]);
    const box = viewBox(svg);
    expect(dot.cx).toBeGreaterThan(0);
    expect(dot.cx).toBeLessThan(box.width);
    expect(dot.cy).toBeGreaterThan(0);
    expect(dot.cy).toBeLessThan(box.height);
    expect(only(svg, 'desc')).toBe('Kommunen: 7,5 %; Måltal: 7,0 %; Klyngen: 8,0 %; Landet: 6,0 % (juni 2022)');
  });

  it.each([
    ['a flat percent series', [5, 5, 5], 'percent'],
    ['a flat series at zero', [0, 0, 0], 'percent'],
    ['a flat count series at zero', [0, 0], 'count'],
    ['a single value', [42], 'count'],
  ] as const)('keeps every number finite for %s', (_name, values, unit) => {
    const svg = reportChartSvg(monthly([...values]), DA, unit, 'da');
    expectFinite(svg);
    expectWellFormed(svg);
    const dots = circles(svg);
    expect(dots).toHaveLength(values.length);
    // A flat series is one horizontal line inside the picture.
    expect(new Set(dots.map((dot) => dot.cy)).size).toBe(1);
    expect(dots[0].cy).toBeGreaterThan(0);
    expect(dots[0].cy).toBeLessThan(viewBox(svg).height);
  });
});
