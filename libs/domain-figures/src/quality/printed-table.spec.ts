import fs from 'node:fs';
import path from 'node:path';
import { CsvRowMapper, mapHeader } from '../imports/csv-row';
import { checkPrintedChange, PrintedRow, reviewPrintedTable } from './printed-table';
import { reviewFigures } from './review';

/** Bilag 1 of the Frederiksberg plan (seed 000), every row as printed. */
const BILAG_1 = fs
  .readFileSync(path.resolve(__dirname, '../../../../test/fixtures/seeds/frederiksberg-2022-bilag-1.csv'), 'utf8')
  .trim()
  .split('\n')
  .map((line) => line.split(';'));

function readTable() {
  const header = mapHeader(BILAG_1[0], { defaultMunicipality: true });
  if (!header.ok) throw new Error(header.reason);
  const mapper = new CsvRowMapper(header.layout, { source: 'bilag-1', municipality: '147' });
  const rows: PrintedRow[] = [];
  const figures = BILAG_1.slice(1).flatMap((cells, index) => {
    const mapped = mapper.map(cells);
    if (!mapped.ok) throw new Error(JSON.stringify(mapped.errors));
    if (mapped.printed) rows.push({ ...mapped.printed, line: index + 2 });
    return mapped.figures.map((figure) => ({ ...figure, value: figure.value }));
  });
  return { rows, figures };
}

describe('printed changes of a table', () => {
  it('finds every total and change of Bilag 1 that disagrees with its parts, and none of the consistent ones (goal catalogue, section e)', () => {
    const { rows } = readTable();
    const review = reviewPrintedTable('bilag-1', rows);
    const found = review.flags.map((flag) => [
      flag.check,
      flag.details.row,
      flag.period,
      flag.value,
      Number(((flag.details.computed ?? flag.details.sumOfParts) as number).toFixed(2)),
    ]);
    expect(found).toEqual([
      ['group-total', 'Delsum (Sygedagpenge mv.)', '2021-07', 1328, 1323],
      ['change', 'Delsum (Kontanthjælp mv.)', '2021-07', 373, -373],
      ['group-total', 'I alt', '2021', 8381, 8378],
      ['change', 'I alt', '2021-07', -634, -641],
      ['change-percent', 'I alt', '2021-07', -7.4, -7.52],
    ]);
    // 17 rows × 2 development columns and 5 totals × 3 period columns, each looked at (so a corrected import settles its flags).
    expect(review.checked).toHaveLength(17 * 2 + 5 * 3);
    expect(review.flags.find((flag) => flag.check === 'change-percent')?.message).toEqual({
      da: 'I alt, kolonnen "Udvikling i pct. (Juli-20 – Juli-21)": udviklingen er opgjort til -7,4 %, men juli 2020 – juli 2021 (8.525 → 7.884) giver -7,52 %.',
      en: 'I alt, column "Udvikling i pct. (Juli-20 – Juli-21)": the change is given as -7.4 %, but July 2020 – July 2021 (8,525 → 7,884) gives -7.52 %.',
    });
    expect(review.flags[1]).toMatchObject({
      source: 'bilag-1',
      municipality: '147',
      period: '2021-07',
      value: 373,
      details: { column: 'Udvikling (Juli-20 – Juli-21)', from: '2020-07', to: '2021-07', basis: 'row values' },
    });
  });

  it('judges the change of a total whose printed value is a typo by the sum of its parts: Delsum 1.328 (= 1.323) and its 187 and 16,5 %', () => {
    const { rows } = readTable();
    const delsum = rows.find((row) => row.series === 'sygedagpenge-mv')!;
    expect(
      reviewPrintedTable('bilag-1', rows)
        .flags.filter((flag) => flag.series === 'sygedagpenge-mv')
        .map((flag) => flag.check),
    ).toEqual(['group-total']);
    // Alone (without its parts), the same row's change is judged by its own values and does not add up.
    const alone = reviewPrintedTable('bilag-1', [delsum]);
    expect(alone.flags.map((flag) => [flag.check, flag.details.computed])).toEqual([
      ['change', 192],
      ['change-percent', expect.closeTo(16.9, 1)],
    ]);
  });

  it('with the stored-figure checks, the import of Bilag 1 flags exactly the catalogue’s errors', () => {
    const { rows, figures } = readTable();
    const refs = figures.map(({ source, series, municipality, period, value }) => ({ source, series, municipality, period, value }));
    const groupTotals = reviewFigures(refs, refs).flags.filter((flag) => flag.check === 'group-total');
    const all = new Set(
      [...groupTotals, ...reviewPrintedTable('bilag-1', rows).flags].map(
        (flag) => `${flag.check} ${flag.series} ${flag.period}: ${flag.value}`,
      ),
    );
    // The stored-figure check (worst-case rounding of 12 parts: ± 6) misses the year average's 3; the table's own check does not.
    expect(groupTotals.map((flag) => flag.period)).toEqual(['2021-07']);
    expect([...all].sort()).toEqual(
      [
        'group-total sygedagpenge-mv 2021-07: 1328', // 1.217 + 106 = 1.323
        'group-total alle-ydelser 2021: 8381', // the year average's rows sum to 8.378
        'change kontanthjaelp-mv 2021-07: 373', // 1.154 − 1.527 = −373
        'change alle-ydelser 2021-07: -634', // 7.884 − 8.525 = −641
        'change-percent alle-ydelser 2021-07: -7.4', // −641 / 8.525 = −7,52 %
      ].sort(),
    );
  });

  it.each([
    ['an exact change', 'absolute', 2693, 2113, -580, 0, false],
    ['a change off by one from rounded values', 'absolute', 2693, 2113, -581, 0, false],
    ['a change off by two', 'absolute', 2693, 2113, -582, 0, true],
    ['a sign missing', 'absolute', 1527, 1154, 373, 0, true],
    ['a percent at a rounding boundary (-6,25 printed -6,3)', 'percent', 320, 300, -6.3, 1, false],
    ['a whole percent (-10 %)', 'percent', 10, 9, -10, 0, false],
    ['a percent from a wrong change (-7,4 for -7,52)', 'percent', 8525, 7884, -7.4, 1, true],
  ] as const)('%s', (_name, kind, from, to, printed, decimals, flagged) => {
    const row = { label: 'x', series: 'a-dagpenge', municipality: '147' };
    const change = { kind, column: 'Udvikling', from: '2020-07', to: '2021-07', value: printed, decimals };
    const flag = checkPrintedChange(
      row,
      change,
      { value: from, uncertainty: 0.5, fromParts: false },
      { value: to, uncertainty: 0.5, fromParts: false },
    );
    expect(flag !== null).toBe(flagged);
  });
});
