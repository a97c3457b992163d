import { FigureInput } from '@pejling/domain-figures';
import { checkFigure, FirstRowOfKey } from './figure-rows';

const now = new Date('2026-01-01T00:00:00Z');
const valid: FigureInput = {
  municipality: '147',
  series: 'sygedagpenge',
  period: '2021M07',
  value: 1217,
  unit: 'full-time-persons',
  source: 'jobindsats',
};

describe('checkFigure', () => {
  it('accepts a valid figure with its period made canonical', () => {
    expect(checkFigure(valid, now)).toEqual({ ok: true, figure: { ...valid, period: '2021-07' } });
  });

  it('lists every problem of an invalid figure', () => {
    const checked = checkFigure({ ...valid, municipality: '999', value: -1 }, now);
    expect(checked.ok).toBe(false);
    expect(!checked.ok && checked.problems.map((problem) => problem.field)).toEqual(['municipality', 'value']);
  });
});

describe('FirstRowOfKey', () => {
  it('answers the first row of a key seen before, and nothing for a new key', () => {
    const rows = new FirstRowOfKey();
    const figure = { ...valid, period: '2021-07' };
    expect(rows.duplicateOf(figure, 1)).toBeUndefined();
    expect(rows.duplicateOf({ ...figure, series: 'a-dagpenge' }, 2)).toBeUndefined();
    expect(rows.duplicateOf({ ...figure, value: 5 }, 3)).toBe(1);
    expect(rows.duplicateOf(figure, 4)).toBe(1);
  });

  it('tells keys apart by each of source, series, municipality and period, whatever characters they hold', () => {
    const rows = new FirstRowOfKey();
    const figure = { ...valid, period: '2021-07' };
    expect(rows.duplicateOf(figure, 1)).toBeUndefined();
    expect(rows.duplicateOf({ ...figure, source: 'other' }, 2)).toBeUndefined();
    expect(rows.duplicateOf({ ...figure, municipality: '101' }, 3)).toBeUndefined();
    expect(rows.duplicateOf({ ...figure, period: '2021-08' }, 4)).toBeUndefined();
    // A separator inside a field cannot make two keys meet.
    expect(rows.duplicateOf({ ...figure, source: 'a|b', series: 'c' }, 5)).toBeUndefined();
    expect(rows.duplicateOf({ ...figure, source: 'a', series: 'b|c' }, 6)).toBeUndefined();
    expect(rows.duplicateOf({ ...figure, period: '2021-08' }, 7)).toBe(4);
    expect(rows.duplicateOf({ ...figure, source: 'a', series: 'b|c' }, 8)).toBe(6);
  });
});
