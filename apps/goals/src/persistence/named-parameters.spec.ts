import { named } from './named-parameters';

describe('named SQL parameters', () => {
  it('numbers the names in order of first use, once each, and leaves casts alone', () => {
    expect(named(`UPDATE t SET a = :a, b = COALESCE(:b::jsonb, b) WHERE id = :id AND :a IS NOT NULL`, { id: 'x', a: 1, b: null })).toEqual([
      `UPDATE t SET a = $1, b = COALESCE($2::jsonb, b) WHERE id = $3 AND $1 IS NOT NULL`,
      [1, null, 'x'],
    ]);
  });

  it('refuses a placeholder without a value', () => {
    expect(() => named(`SELECT :missing`, {})).toThrow(/:missing/);
  });
});
