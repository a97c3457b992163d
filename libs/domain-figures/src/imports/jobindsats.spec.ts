import { readFileSync } from 'node:fs';
import path from 'node:path';
import { choosePullPeriods, JOBINDSATS_TABLES, JobindsatsTable, mapJobindsatsResponse, slug } from './jobindsats';

const recorded = (name: string): JobindsatsTable[] =>
  JSON.parse(readFileSync(path.join(__dirname, '../../../../test/fixtures/jobindsats', name), 'utf8'));

describe('Jobindsats API v2 adapter on recorded responses', () => {
  it('maps y07a02 (sygedagpenge, months) to figures, the whole country as its own area (000), skipping regions', () => {
    const mapping = mapJobindsatsResponse(recorded('y07a02.data.json'), JOBINDSATS_TABLES.y07a02, '2021-09-01T06:00:00.000Z');
    expect(mapping.figures).toEqual([
      {
        municipality: '147',
        series: 'sygedagpenge',
        period: '2020-07',
        value: 904,
        unit: 'full-time-persons',
        source: 'jobindsats:y07a02',
        sourceUpdatedAt: '2021-09-01T06:00:00.000Z',
      },
      {
        municipality: '147',
        series: 'sygedagpenge',
        period: '2021-07',
        value: 1217,
        unit: 'full-time-persons',
        source: 'jobindsats:y07a02',
        sourceUpdatedAt: '2021-09-01T06:00:00.000Z',
      },
      {
        municipality: '000',
        series: 'sygedagpenge',
        period: '2021-07',
        value: 66017,
        unit: 'full-time-persons',
        source: 'jobindsats:y07a02',
        sourceUpdatedAt: '2021-09-01T06:00:00.000Z',
      },
    ]);
    expect(mapping).toMatchObject({ problems: [], withheld: 0, skippedAreas: 1 });
  });

  it('maps quarters, and counts values Jobindsats withholds (".") without failing', () => {
    expect(mapJobindsatsResponse(recorded('y07a02.quarterly.data.json'), JOBINDSATS_TABLES.y07a02).figures).toMatchObject([
      { municipality: '250', period: '2021Q2', value: 926 },
    ]);
    expect(mapJobindsatsResponse(recorded('y04a02.quarterly.data.json'), JOBINDSATS_TABLES.y04a02)).toMatchObject({
      figures: [],
      problems: [],
      withheld: 1,
    });
  });

  it("maps the ministry's benchmark y30r21 (rolling years) to actual, expected and rank, per benefit group", () => {
    const { figures, problems } = mapJobindsatsResponse(recorded('y30r21.data.json'), JOBINDSATS_TABLES.y30r21);
    expect(problems).toEqual([]);
    expect(figures).toHaveLength(36); // Dragør: 3 periods × 4 groups × 3 measures
    const latest = figures.filter((figure) => figure.period === '2021QMAT02').map((figure) => [figure.series, figure.value]);
    expect(latest).toEqual(
      expect.arrayContaining([
        ['benchmark.faktiske-fuldtidspersoner', 620],
        ['benchmark.forventede-fuldtidspersoner', 520],
        ['benchmark.placering', 95],
        ['benchmark.faktiske-fuldtidspersoner.kontanthjaelp-mv', 190],
        ['benchmark.forventede-fuldtidspersoner.sygedagpenge-mv', 200],
        ['benchmark.placering.a-dagpenge-mv', 93],
      ]),
    );
    expect(figures.every((figure) => figure.municipality === '155' && figure.unit === 'count')).toBe(true);
  });

  it('reads a table listing several benefit types through its series column', () => {
    const grouped: JobindsatsTable[] = [
      {
        Variables: [{ Label: 'Area' }, { Label: 'Periode' }, { Label: 'Ydelsesgrupper' }, { Label: 'Antal fuldtidspersoner' }],
        Data: [
          ['Frederiksberg', '2021M07', 'A-dagpenge', '2.113'],
          ['Frederiksberg', '2021M07', 'Jobafklaringsforløb', '106'],
          ['Frederiksberg', '2021M07', 'Sygedagpenge mv.', '1.328'],
        ],
      },
    ];
    const config = {
      table: 'custom',
      measures: [{ column: 'Antal fuldtidspersoner', unit: 'full-time-persons' as const }],
      seriesColumn: 'Ydelsesgrupper',
    };
    expect(mapJobindsatsResponse(grouped, config).figures.map((figure) => [figure.series, figure.value])).toEqual([
      ['a-dagpenge', 2113],
      ['jobafklaringsforloeb', 106],
      ['sygedagpenge-mv', 1328],
    ]);
  });

  it('reports a table whose labels drifted, and bad cells with their row and column', () => {
    const drifted = mapJobindsatsResponse(
      [{ Variables: [{ Label: 'Periode' }, { Label: 'Område' }, { Label: 'Fuldtidspersoner' }], Data: [] }],
      JOBINDSATS_TABLES.y07a02,
    );
    expect(drifted.problems).toEqual([{ row: 0, field: 'Variables', reason: 'table y07a02 has no column "Antal fuldtidspersoner"' }]);
    const bad = mapJobindsatsResponse(
      [
        {
          Variables: [{ Label: 'Periode' }, { Label: 'Area' }, { Label: 'Antal fuldtidspersoner' }],
          Data: [
            ['2021M13', 'Dragør', '1'],
            ['2021M07', 'Dragør', '=cmd|"/c calc"!A1'],
            ['2021M07', 'Dragør', '1,2,3'],
          ],
        },
      ],
      JOBINDSATS_TABLES.y07a02,
    );
    expect(bad.problems).toEqual([
      { row: 1, field: 'period', reason: 'month 13 does not exist' },
      { row: 2, field: 'Antal fuldtidspersoner', reason: 'looks like a spreadsheet formula; refused' },
      { row: 3, field: 'Antal fuldtidspersoner', reason: expect.stringMatching(/not a number in Danish format/) },
    ]);
  });

  it('turns Danish group labels into series id segments', () => {
    expect(slug('Sygedagpenge mv.')).toBe('sygedagpenge-mv');
    expect(slug('Kontanthjælp mv.')).toBe('kontanthjaelp-mv');
    expect(slug('Selvforsørgelses- og hjemrejseydelse')).toBe('selvforsoergelses-og-hjemrejseydelse');
  });

  it('chooses the newest periods a table offers, of one kind when asked', () => {
    const offered = ['2021M06', '2021QMAT02', '2021M07', '2020QMAT04', '2021M05', 'junk'];
    expect(choosePullPeriods(offered, { latest: 2 })).toEqual(['2021QMAT02', '2021M07']);
    expect(choosePullPeriods(offered, { latest: 2 }, 'month')).toEqual(['2021M06', '2021M07']);
    expect(choosePullPeriods(offered, { latest: 9 }, 'rolling-year')).toEqual(['2020QMAT04', '2021QMAT02']);
    expect(choosePullPeriods(offered, ['2019M01'])).toEqual(['2019M01']);
  });
});
