import { FigureInput, validateFigure } from './figure';

const now = new Date('2021-09-15T12:00:00Z');
const valid: FigureInput = {
  municipality: '147',
  series: 'sygedagpenge',
  period: '2021-07',
  value: 1217,
  unit: 'full-time-persons',
  source: 'jobindsats',
};

describe('validateFigure', () => {
  it('accepts a valid figure, also with a Jobindsats period and a fractional count', () => {
    expect(validateFigure(valid, now)).toEqual([]);
    expect(validateFigure({ ...valid, period: '2021M07', value: 1216.5 }, now)).toEqual([]);
    expect(validateFigure({ ...valid, series: 'befolkning-16-66', unit: 'persons', value: 70400 }, now)).toEqual([]);
    // At the ceilings themselves: København's population, the country's.
    expect(validateFigure({ ...valid, series: 'befolkning-16-66', unit: 'persons', value: 700_000 }, now)).toEqual([]);
    expect(validateFigure({ ...valid, municipality: '000', value: 6_500_000 }, now)).toEqual([]);
  });

  it.each<[string, Partial<FigureInput>, string, RegExp]>([
    ['unknown municipality', { municipality: '999' }, 'municipality', /not a Danish municipality code/],
    ['unknown series', { series: 'lottogevinst' }, 'series', /not a known series/],
    [
      'a derived indicator',
      { series: 'share.sygedagpenge-mv.change-12m' },
      'series',
      /derived by Pejling from 'share.sygedagpenge-mv' and cannot be posted/,
    ],
    ['bad period', { period: '2021-13' }, 'period', /month 13/],
    ['future period', { period: '2021-10' }, 'period', /in the future/],
    ['negative count', { value: -5 }, 'value', /must not be negative/],
    ['not a number', { value: Number.NaN }, 'value', /finite number/],
    ['unit mismatch', { unit: 'persons' }, 'unit', /must be 'full-time-persons' for series 'sygedagpenge'/],
    ['share above 100 %', { unit: 'percent', value: 120 }, 'value', /cannot exceed 100/],
    ['empty source', { source: '  ' }, 'source', /must name where/],
    [
      "more persons than any municipality's population",
      { value: 700_001 },
      'value',
      /700\.001 full-time-persons cannot be true: no municipality's count of persons exceeds 700\.000/,
    ],
    [
      'more persons than the country',
      { municipality: '000', value: 6_500_001 },
      'value',
      /no count for the whole country of persons exceeds 6\.500\.000/,
    ],
    [
      'an impossible count',
      { series: 'survey.virksomheder', unit: 'count', value: 10_000_001 },
      'value',
      /no count Pejling takes exceeds 10\.000\.000/,
    ],
  ])('rejects %s', (_name, change, field, reason) => {
    const errors = validateFigure({ ...valid, ...change }, now);
    expect(errors).toContainEqual({ field, reason: expect.stringMatching(reason) });
  });

  it('accepts figures for plan-declared indicators as shares or counts', () => {
    expect(validateFigure({ ...valid, series: 'survey.virksomhedstilfredshed', unit: 'percent', value: 90 }, now)).toEqual([]);
    expect(validateFigure({ ...valid, series: 'companies.kontaktede-nye-virksomheder', unit: 'count', value: 216 }, now)).toEqual([]);
    expect(validateFigure({ ...valid, series: 'survey.virksomhedstilfredshed', unit: 'persons', value: 90 }, now)).toContainEqual({
      field: 'unit',
      reason: "must be 'percent' or 'count' for the plan indicator 'survey.virksomhedstilfredshed' (got 'persons')",
    });
    expect(validateFigure({ ...valid, series: 'survey.tilfredshed', unit: 'percent', value: 101 }, now)).toContainEqual({
      field: 'value',
      reason: expect.stringMatching(/cannot exceed 100/),
    });
  });

  it('reports every problem at once', () => {
    const errors = validateFigure({ municipality: 'x', series: 'y', period: 'z', value: -1, unit: 'u', source: '' }, now);
    expect(errors.map((error) => error.field)).toEqual(['municipality', 'series', 'period', 'value', 'source']);
  });
});
