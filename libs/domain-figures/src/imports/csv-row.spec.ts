import { parseDevelopmentHeader } from './csv-header';
import { CsvRowMapper, mapHeader, parseHeaderPeriod, resolveArea, resolveMunicipality, resolveSeries } from './csv-row';

const layoutOf = (headers: string[], defaultMunicipality = false) => {
  const header = mapHeader(headers, { defaultMunicipality });
  if (!header.ok) throw new Error(header.reason);
  return header.layout;
};

describe('CSV header and rows as analysts export them', () => {
  it('maps Danish headers, with a BOM, in any order', () => {
    expect(mapHeader(['\uFEFFOmråde', 'Periode', 'Ydelse', 'Fuldtidspersoner'])).toEqual({
      ok: true,
      layout: {
        headers: ['\uFEFFOmråde', 'Periode', 'Ydelse', 'Fuldtidspersoner'],
        columns: { municipality: 0, period: 1, series: 2, value: 3 },
        periodColumns: [],
        changeColumns: [],
      },
    });
  });

  it('refuses a row longer than the header, but not a trailing empty cell as spreadsheets export it', () => {
    const mapper = new CsvRowMapper(layoutOf(['Område', 'Periode', 'Ydelse', 'Fuldtidspersoner']), { source: 'jobindsats' });
    expect(mapper.map(['Frederiksberg', '2021M07', 'A-dagpenge', '2.113', '', ' '])).toMatchObject({ ok: true });
    expect(mapper.map(['Frederiksberg', '2021M07', 'A-dagpenge', '2', '113'])).toEqual({
      ok: false,
      errors: [{ field: '(row)', reason: "has 5 cells but the header has 4: cell 5 ('113') has no column" }],
    });
  });

  it('refuses a cell with a control character, naming its column', () => {
    const mapper = new CsvRowMapper(layoutOf(['Område', 'Periode', 'Ydelse', 'Fuldtidspersoner']), { source: 'jobindsats' });
    expect(mapper.map(['Frederiksberg', '2021M07', 'A-dag\u0000penge', '2.113'])).toEqual({
      ok: false,
      errors: [{ field: 'Ydelse', reason: 'contains a control character (U+0000) at position 6' }],
    });
    expect(mapper.map(['Frederiks\nberg', '2021M07', 'A-dagpenge', '2.113'])).toMatchObject({
      ok: false,
      errors: [{ field: 'Område', reason: expect.stringContaining('U+000A') }],
    });
  });

  it('names the missing columns', () => {
    expect(mapHeader(['Kommune', 'Periode'])).toEqual({
      ok: false,
      reason: expect.stringMatching(/no column for series, value \(found: "Kommune", "Periode"\)/),
    });
    expect(mapHeader(['Ydelse', 'Juli 2021'])).toEqual({ ok: false, reason: expect.stringMatching(/no column for municipality/) });
  });

  it('reads a Frederiksberg Bilag 1 row: name, label and Danish thousands', () => {
    const mapper = new CsvRowMapper(layoutOf(['Område', 'Periode', 'Ydelse', 'Fuldtidspersoner']), { source: 'jobindsats' });
    expect(mapper.map(['Frederiksberg', '2021M07', 'A-dagpenge', '2.113'])).toEqual({
      ok: true,
      figures: [
        { municipality: '147', series: 'a-dagpenge', period: '2021M07', value: 2113, unit: 'full-time-persons', source: 'jobindsats' },
      ],
    });
    expect(mapper.map(['Frederiksberg', '2021M07', 'Jobafklaringsforløb', '106'])).toMatchObject({
      ok: true,
      figures: [{ series: 'jobafklaringsforloeb' }],
    });
  });

  it('reads the whole Bilag 1 table as the plan prints it: periods as columns (the year average as the year), development columns to check, each Delsum the group above it', () => {
    const layout = layoutOf(
      ['Ydelse', '2021 årsgennemsnit', 'Juli 2020', 'Juli 2021', 'Udvikling (Juli-20 – Juli-21)', 'Udvikling i pct. (Juli-20 – Juli-21)'],
      true,
    );
    expect(layout.periodColumns).toEqual([
      { index: 1, period: '2021' },
      { index: 2, period: '2020-07' },
      { index: 3, period: '2021-07' },
    ]);
    expect(layout.changeColumns).toEqual([
      { index: 4, kind: 'absolute', column: 'Udvikling (Juli-20 – Juli-21)', from: '2020-07', to: '2021-07' },
      { index: 5, kind: 'percent', column: 'Udvikling i pct. (Juli-20 – Juli-21)', from: '2020-07', to: '2021-07' },
    ]);
    const mapper = new CsvRowMapper(layout, { source: 'frederiksberg-plan', municipality: '147' });
    const rows = [
      ['A-dagpenge', '2.355', '2.693', '2.113', '-580', '-21,5%'],
      ['Sygedagpenge', '1.301', '904', '1.217', '313', '34,6%'],
      ['Jobafklaringsforløb', '139', '232', '106', '-126', '-54,3%'],
      ['Delsum', '1.440', '1.136', '1.328', '187', '16,5%'],
      ['Ledighedsydelse', '114', '121', '109', '-12', '-9,9%'],
      ['Fleksjob', '504', '479', '520', '41', '8,6%'],
      ['Delsum', '618', '600', '629', '29', '4,8%'],
      ['I alt', '8.381', '8.525', '7.884', '-634', '-7,4%'],
    ];
    const figures = rows.flatMap((row) => {
      const mapped = mapper.map(row);
      if (!mapped.ok) throw new Error(JSON.stringify(mapped.errors));
      return mapped.figures.map((figure) => [figure.series, figure.period, figure.value]);
    });
    expect(figures).toEqual([
      ['a-dagpenge', '2021', 2355],
      ['a-dagpenge', '2020-07', 2693],
      ['a-dagpenge', '2021-07', 2113],
      ['sygedagpenge', '2021', 1301],
      ['sygedagpenge', '2020-07', 904],
      ['sygedagpenge', '2021-07', 1217],
      ['jobafklaringsforloeb', '2021', 139],
      ['jobafklaringsforloeb', '2020-07', 232],
      ['jobafklaringsforloeb', '2021-07', 106],
      ['sygedagpenge-mv', '2021', 1440],
      ['sygedagpenge-mv', '2020-07', 1136],
      ['sygedagpenge-mv', '2021-07', 1328],
      ['ledighedsydelse', '2021', 114],
      ['ledighedsydelse', '2020-07', 121],
      ['ledighedsydelse', '2021-07', 109],
      ['fleksjob', '2021', 504],
      ['fleksjob', '2020-07', 479],
      ['fleksjob', '2021-07', 520],
      ['fleksjob-mv', '2021', 618],
      ['fleksjob-mv', '2020-07', 600],
      ['fleksjob-mv', '2021-07', 629],
      ['alle-ydelser', '2021', 8381],
      ['alle-ydelser', '2020-07', 8525],
      ['alle-ydelser', '2021-07', 7884],
    ]);
    const delsum = mapper.map(['Kontanthjælp', '906', '1.057', '759', '-298', '-28,2%']);
    expect(delsum).toMatchObject({
      ok: true,
      printed: {
        label: 'Kontanthjælp',
        series: 'kontanthjaelp',
        municipality: '147',
        changes: [
          { kind: 'absolute', from: '2020-07', to: '2021-07', value: -298, decimals: 0 },
          { kind: 'percent', from: '2020-07', to: '2021-07', value: -28.2, decimals: 1 },
        ],
      },
    });
    expect(delsum.ok && [...delsum.printed!.values]).toEqual([
      ['2021', { value: 906, decimals: 0 }],
      ['2020-07', { value: 1057, decimals: 0 }],
      ['2021-07', { value: 759, decimals: 0 }],
    ]);
  });

  it('reads a %-column cell without its % sign, labels a Delsum with its group, and refuses a development cell that is no number', () => {
    const layout = layoutOf(['Ydelse', 'Juli 2020', 'Juli 2021', 'Udvikling', '%'], true);
    expect(layout.changeColumns.map(({ kind, from, to }) => [kind, from, to])).toEqual([
      ['absolute', '2020-07', '2021-07'],
      ['percent', '2020-07', '2021-07'],
    ]);
    const mapper = new CsvRowMapper(layout, { source: 'plan', municipality: 'Frederiksberg' });
    expect(mapper.map(['Selvforsørgelses- og hjemrejseydelse og overgangsydelse', '181', '159', '-22', '-12,2'])).toMatchObject({
      ok: true,
      printed: { changes: [{ value: -22 }, { kind: 'percent', value: -12.2, decimals: 1 }] },
    });
    mapper.map(['Sygedagpenge', '904', '1.217', '313', '34,6%']);
    mapper.map(['Jobafklaringsforløb', '232', '106', '-126', '-54,3%']);
    expect(mapper.map(['Delsum', '1.136', '1.328', '187', '16,5%'])).toMatchObject({
      ok: true,
      printed: { label: 'Delsum (Sygedagpenge mv.)', series: 'sygedagpenge-mv' },
    });
    expect(mapper.map(['A-dagpenge', '2.693', '2.113', 'meget', '-21,5%'])).toEqual({
      ok: false,
      errors: [{ field: 'value', reason: expect.stringMatching(/^Udvikling: 'meget' is not a number/) }],
    });
  });

  it.each([
    ['Udvikling', { kind: 'absolute', between: undefined }],
    ['Udvikling (Juli-20 – Juli-21)', { kind: 'absolute', between: ['2020-07', '2021-07'] }],
    ['<b>Udvikling i pct. (Juli-20 – Juli-21)</b>', { kind: 'percent', between: ['2020-07', '2021-07'] }],
    ['Ændring i %', { kind: 'percent', between: undefined }],
    ['%', { kind: 'percent', between: undefined }],
  ])('reads the development header %j', (header, expected) => {
    expect(parseDevelopmentHeader(header)).toMatchObject(expected);
  });

  it('leaves out a development column with nothing to compare, as before', () => {
    expect(layoutOf(['Ydelse', 'Juli 2021', 'Udvikling'], true).changeColumns).toEqual([]);
    expect(parseDevelopmentHeader('Antal')).toBeUndefined();
  });

  it('refuses a Delsum whose rows above are not a benefit group', () => {
    const mapper = new CsvRowMapper(layoutOf(['Ydelse', 'Juli 2021'], true), { source: 's', municipality: '147' });
    mapper.map(['A-dagpenge', '2.113']);
    expect(mapper.map(['Delsum', '2.113'])).toEqual({
      ok: false,
      errors: [{ field: 'series', reason: 'a Delsum of a-dagpenge is not a benefit group Pejling knows' }],
    });
  });

  it('reads a share with a per cent sign, and refuses formula cells and bad numbers with the field', () => {
    const mapper = new CsvRowMapper(layoutOf(['Kommune', 'Periode', 'Serie', 'Værdi']), { source: 'survey' });
    expect(mapper.map(['250', '2021-08', 'survey.virksomhedstilfredshed', '90,0%'])).toMatchObject({
      ok: true,
      figures: [{ value: 90, unit: 'percent' }],
    });
    expect(mapper.map(['=cmd|"/c calc"!A1', '2021-08', 'x', '1'])).toEqual({
      ok: false,
      errors: [{ field: 'municipality', reason: expect.stringMatching(/spreadsheet formula/) }],
    });
    expect(mapper.map(['Atlantis', '2021-08', 'x', '1,2,3'])).toEqual({
      ok: false,
      errors: [
        { field: 'municipality', reason: "'Atlantis' is neither a municipality code or name nor the whole country ('Hele landet')" },
        { field: 'value', reason: expect.stringMatching(/not a number in Danish format/) },
      ],
    });
  });

  it.each([
    ['2021M07', '2021-07'],
    ['2021-07', '2021-07'],
    ['Juli 2021', '2021-07'],
    ['<b>Juli 2020</b>', '2020-07'],
    ['jul-21', '2021-07'],
    ['okt. 2021', '2021-10'],
    ['2. kv. 2021', '2021Q2'],
    ['2021Q2', '2021Q2'],
    ['2021QMAT02', '2021QMAT02'],
    ['<b>2021 årsgennemsnit</b>', '2021'],
    ['Årsgennemsnit 2020', '2020'],
  ])('reads the period column header %j as %s', (header, period) => {
    expect(parseHeaderPeriod(header)).toBe(period);
  });

  it.each(['Udvikling i pct.', 'Antal', 'Juli', 'årsgennemsnit'])('does not take %j for a period', (header) => {
    expect(parseHeaderPeriod(header)).toBeUndefined();
  });

  it('resolves names and labels, and leaves unknown series for validation to reject', () => {
    expect(resolveMunicipality('København')).toBe('101');
    expect(['Hele landet', 'Landsplan', 'DANMARK', '000'].map(resolveArea)).toEqual(['000', '000', '000', '000']);
    expect(resolveArea('Frederiksberg')).toBe('147');
    expect(resolveArea('Region Hovedstaden')).toBeUndefined();
    expect(resolveMunicipality('Dragør')).toBe('155');
    expect(resolveMunicipality('ringkobing-skjern')).toBe('760');
    expect(resolveSeries('Selvforsørgelses- og hjemrejseydelse')).toBe('selvforsoergelses-og-hjemrejseydelse');
    expect(resolveSeries('Sygedagpenge mv.')).toBe('sygedagpenge-mv');
    expect(resolveSeries('Lottogevinst')).toBe('Lottogevinst');
  });
});
