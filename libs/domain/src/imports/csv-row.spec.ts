import { mapCsvRow, mapHeader, resolveMunicipality, resolveSeries } from './csv-row';

describe('CSV header and rows as analysts export them', () => {
  it('maps Danish headers, with a BOM, in any order', () => {
    const header = mapHeader(['\uFEFFOmråde', 'Periode', 'Ydelse', 'Fuldtidspersoner']);
    expect(header).toEqual({ ok: true, columns: { municipality: 0, period: 1, series: 2, value: 3 } });
  });

  it('names the missing columns', () => {
    expect(mapHeader(['Kommune', 'Periode'])).toEqual({ ok: false, reason: expect.stringMatching(/no column for series, value \(found: "Kommune", "Periode"\)/) });
  });

  it('reads a Frederiksberg Bilag 1 row: name, label and Danish thousands', () => {
    const header = mapHeader(['Område', 'Periode', 'Ydelse', 'Fuldtidspersoner']);
    if (!header.ok) throw new Error(header.reason);
    expect(mapCsvRow(['Frederiksberg', '2021M07', 'A-dagpenge', '2.113'], header.columns, { source: 'jobindsats' })).toEqual({
      ok: true,
      figure: { municipality: '147', series: 'a-dagpenge', period: '2021M07', value: 2113, unit: 'full-time-persons', source: 'jobindsats' },
    });
    expect(mapCsvRow(['Frederiksberg', '2021M07', 'Jobafklaringsforløb', '106'], header.columns, { source: 'jobindsats' })).toMatchObject({ ok: true, figure: { series: 'jobafklaringsforloeb' } });
  });

  it('reads a share with a per cent sign, and refuses formula cells and bad numbers with the field', () => {
    const header = mapHeader(['Kommune', 'Periode', 'Serie', 'Værdi']);
    if (!header.ok) throw new Error(header.reason);
    expect(mapCsvRow(['250', '2021-08', 'survey.virksomhedstilfredshed', '90,0%'], header.columns, { source: 'survey' })).toMatchObject({ ok: true, figure: { value: 90, unit: 'percent' } });
    expect(mapCsvRow(['=cmd|"/c calc"!A1', '2021-08', 'x', '1'], header.columns, { source: 's' })).toEqual({
      ok: false,
      errors: [{ field: 'municipality', reason: expect.stringMatching(/spreadsheet formula/) }],
    });
    expect(mapCsvRow(['Atlantis', '2021-08', 'x', '1,2,3'], header.columns, { source: 's' })).toEqual({
      ok: false,
      errors: [
        { field: 'municipality', reason: "'Atlantis' is neither a municipality code nor a municipality name" },
        { field: 'value', reason: expect.stringMatching(/not a number in Danish format/) },
      ],
    });
  });

  it('resolves names and labels, and leaves unknown series for validation to reject', () => {
    expect(resolveMunicipality('København')).toBe('101');
    expect(resolveMunicipality('Dragør')).toBe('155');
    expect(resolveMunicipality('ringkobing-skjern')).toBe('760');
    expect(resolveSeries('Selvforsørgelses- og hjemrejseydelse')).toBe('selvforsoergelses-og-hjemrejseydelse');
    expect(resolveSeries('Lottogevinst')).toBe('Lottogevinst');
  });
});
