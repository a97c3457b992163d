import { isFormulaInjection, parseDanishNumber } from './danish-number';

describe('parseDanishNumber', () => {
  it.each([
    ['2.113', 2113, false],
    ['12,2', 12.2, false],
    ['-21,5%', -21.5, true],
    ['1.234.567,89', 1234567.89, false],
    ['70 400', 70400, false],
    ['−580', -580, false],
    ['0', 0, false],
    ['34,6 %', 34.6, true],
  ])('%s is %d', (input, value, percent) => {
    expect(parseDanishNumber(input)).toEqual({ ok: true, value, percent });
  });

  it.each(['', 'abc', '2.11', '2113.5', '1,2,3', '12,', '--5', '2.113.1'])('rejects %j', (input) => {
    expect(parseDanishNumber(input).ok).toBe(false);
  });
});

describe('isFormulaInjection', () => {
  it.each(['=cmd|"/c calc"!A1', '+SUM(A1)', '@SUM(1)', '-2+3+cmd|"/c calc"!A0'])('flags %j', (cell) => {
    expect(isFormulaInjection(cell)).toBe(true);
  });

  it.each(['-21,5%', '2.113', 'Frederiksberg', '-580'])('lets %j through', (cell) => {
    expect(isFormulaInjection(cell)).toBe(false);
  });
});
