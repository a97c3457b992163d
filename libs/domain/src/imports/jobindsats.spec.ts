import { mapJobindsatsResponse } from './jobindsats';

/** A recorded-style v2 response for y07a02 (sygedagpenge), shaped as the API returns it, with seed figures. */
const y07a02 = [
  {
    Variables: [{ Label: 'Periode' }, { Label: 'Area' }, { Label: 'Antal personer' }, { Label: 'Antal fuldtidspersoner' }],
    Data: [
      ['2021M07', 'Frederiksberg', '1.402', '1.217'],
      ['2021M07', 'Hele landet', '77.123', '66.017'],
      ['2021M07', 'Region Hovedstaden', '21.001', '18.514'],
      ['2021M07', 'Frederikssund', '951', '835'],
      ['2021QMAT02', 'Frederiksberg', '1.300', '1.150'],
      ['2021M07', 'Dragør', '110', 'x'],
    ],
  },
];

describe('Jobindsats API v2 adapter', () => {
  it('maps a single-benefit table to figures of the configured series, skipping regions and the country', () => {
    const { figures, problems } = mapJobindsatsResponse(y07a02, { table: 'y07a02', measure: 'Antal fuldtidspersoner', unit: 'full-time-persons', series: 'sygedagpenge' });
    expect(figures).toEqual([
      { municipality: '147', series: 'sygedagpenge', period: '2021-07', value: 1217, unit: 'full-time-persons', source: 'jobindsats:y07a02' },
      { municipality: '250', series: 'sygedagpenge', period: '2021-07', value: 835, unit: 'full-time-persons', source: 'jobindsats:y07a02' },
    ]);
    expect(problems).toEqual([
      { row: 5, field: 'period', reason: "period '2021QMAT02' is not a month (quarters, QMAT and years are not mapped yet)" },
      { row: 6, field: 'value', reason: expect.stringMatching(/'x' is not a number/) },
    ]);
  });

  it('maps a benefit-group table through its series column', () => {
    const grouped = [
      {
        Variables: [{ Label: 'Area' }, { Label: 'Periode' }, { Label: 'Ydelsesgrupper' }, { Label: 'Antal fuldtidspersoner' }],
        Data: [
          ['Frederiksberg', '2021M07', 'A-dagpenge', '2.113'],
          ['Frederiksberg', '2021M07', 'Jobafklaringsforløb', '106'],
        ],
      },
    ];
    const { figures } = mapJobindsatsResponse(grouped, { table: 'y01a02', measure: 'Antal fuldtidspersoner', unit: 'full-time-persons', seriesColumn: 'Ydelsesgrupper' });
    expect(figures.map((figure) => [figure.series, figure.value])).toEqual([
      ['a-dagpenge', 2113],
      ['jobafklaringsforloeb', 106],
    ]);
  });

  it('names the columns a table lacks', () => {
    const { problems } = mapJobindsatsResponse([{ Variables: [{ Label: 'Periode' }], Data: [] }], { table: 'y07a02', measure: 'Antal fuldtidspersoner', unit: 'full-time-persons', series: 'sygedagpenge' });
    expect(problems).toEqual([{ row: 0, field: 'Variables', reason: 'table y07a02 has no column "Area", "Antal fuldtidspersoner"' }]);
  });
});
