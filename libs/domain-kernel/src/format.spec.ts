import { formatNumberDa, formatNumberEn } from './format';

describe('number formatting', () => {
  it.each([
    [2113, 0, '2.113', '2,113'],
    [1.879, 1, '1,9', '1.9'],
    [70400, 1, '70.400,0', '70,400.0'],
    [-21.5, 1, '-21,5', '-21.5'],
    [1234567.891, 2, '1.234.567,89', '1,234,567.89'],
    [-0.04, 1, '0,0', '0.0'],
    [0, 0, '0', '0'],
  ])('%p with %p decimals', (value, decimals, da, en) => {
    expect(formatNumberDa(value, decimals)).toBe(da);
    expect(formatNumberEn(value, decimals)).toBe(en);
  });
});
