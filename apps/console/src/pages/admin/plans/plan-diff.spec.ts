import { planDiff } from './plan-diff';

describe('planDiff', () => {
  it('numbers the changed lines on both sides and counts them', () => {
    const before = 'id: p\ntitle: Plan\nyears: [2022]\n';
    const after = 'id: p\ntitle: Plan (revideret)\nyears: [2022]\n';
    const diff = planDiff(before, after);
    expect(diff).toMatchObject({ added: 1, removed: 1 });
    expect(diff.rows.filter((row) => row.kind !== 'same')).toEqual([
      { kind: 'hunk', oldLine: 1, newLine: 1, text: '' },
      { kind: 'removed', oldLine: 2, newLine: null, text: 'title: Plan' },
      { kind: 'added', oldLine: null, newLine: 2, text: 'title: Plan (revideret)' },
    ]);
  });

  it('gives no rows for equal texts', () => {
    expect(planDiff('a\n', 'a\n')).toEqual({ rows: [], added: 0, removed: 0 });
  });
});
