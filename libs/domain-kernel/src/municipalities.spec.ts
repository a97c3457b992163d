import { findMunicipality, MUNICIPALITIES } from './municipalities';

describe('municipalities', () => {
  it('has the 98 municipalities with unique 3-digit codes', () => {
    expect(MUNICIPALITIES).toHaveLength(98);
    expect(new Set(MUNICIPALITIES.map((m) => m.code)).size).toBe(98);
    expect(MUNICIPALITIES.every((m) => /^\d{3}$/.test(m.code))).toBe(true);
  });

  it('spreads them over the five regions as Denmark does', () => {
    const counts: Record<string, number> = {};
    for (const m of MUNICIPALITIES) counts[m.region] = (counts[m.region] ?? 0) + 1;
    expect(counts).toEqual({ Hovedstaden: 29, Sjælland: 17, Syddanmark: 22, Midtjylland: 19, Nordjylland: 11 });
  });

  it.each([
    ['101', 'København'],
    ['147', 'Frederiksberg'],
    ['155', 'Dragør'],
    ['185', 'Tårnby'],
    ['250', 'Frederikssund'],
    ['751', 'Aarhus'],
    ['851', 'Aalborg'],
  ])('finds %s as %s', (code, name) => {
    expect(findMunicipality(code)?.name).toBe(name);
  });

  it('does not know Christiansø (411) or made-up codes', () => {
    expect(findMunicipality('411')).toBeUndefined();
    expect(findMunicipality('999')).toBeUndefined();
    expect(findMunicipality('')).toBeUndefined();
  });
});
