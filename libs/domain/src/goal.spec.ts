import fc from 'fast-check';
import { Comparator, evaluateThreshold, explainThreshold, GoalState, transitionBetween } from './goal';

const threshold = (comparator: Comparator, target: number) => ({ kind: 'threshold' as const, comparator, target });

describe('threshold goals', () => {
  it.each<[Comparator, number, 'met' | 'breached']>([
    ['lte', 1.8, 'met'],
    ['lt', 1.8, 'breached'],
    ['gte', 1.8, 'met'],
    ['gt', 1.8, 'breached'],
  ])('a value exactly at the target with %s is %s', (comparator, value, state) => {
    expect(evaluateThreshold(threshold(comparator, 1.8), value)).toEqual({ state, gap: 0 });
  });

  it('gives the signed gap to the target', () => {
    expect(evaluateThreshold(threshold('lte', 1.8), 1.879)).toEqual({ state: 'breached', gap: expect.closeTo(0.079, 6) });
    expect(evaluateThreshold(threshold('gte', 85), 80).gap).toBe(-5);
  });

  it('mirrors: "lower is better" on v is "higher is better" on -v (property)', () => {
    const mirror = { lt: 'gt', lte: 'gte', gt: 'lt', gte: 'lte' } as const;
    fc.assert(
      fc.property(fc.constantFrom<Comparator>('lt', 'lte', 'gt', 'gte'), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.double({ noNaN: true, noDefaultInfinity: true }), (comparator, target, value) => {
        const direct = evaluateThreshold(threshold(comparator, target), value);
        const mirrored = evaluateThreshold(threshold(mirror[comparator], -target), -value);
        return direct.state === mirrored.state;
      }),
    );
  });

  it('moves between met and breached with one alert per change', () => {
    expect(transitionBetween(undefined, 'breached')).toBe('breach');
    expect(transitionBetween('no_data', 'breached')).toBe('breach');
    expect(transitionBetween('met', 'breached')).toBe('breach');
    expect(transitionBetween('breached', 'breached')).toBeNull();
    expect(transitionBetween('breached', 'met')).toBe('recovery');
    expect(transitionBetween(undefined, 'met')).toBeNull();
    expect(transitionBetween('met', 'met')).toBeNull();
  });

  it('never alerts a breach twice without a recovery in between, along any sequence of states (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom<GoalState>('met', 'breached', 'no_data'), { maxLength: 50 }), (states) => {
        let previous: GoalState | undefined;
        let last: string | null = null;
        for (const state of states) {
          const transition = transitionBetween(previous, state);
          if (transition && transition === last) return false;
          if (transition) last = transition;
          if (state !== 'no_data') previous = state;
        }
        return true;
      }),
    );
  });

  it('explains a breach in Danish and English with Danish number formatting', () => {
    const rule = threshold('lte', 1.8);
    const value = (100 * 1323) / 70400;
    const { state, gap } = evaluateThreshold(rule, value);
    expect(explainThreshold({ indicatorLabelDa: 'Sygedagpenge mv.', indicatorLabelEn: 'Sickness benefit etc.', period: '2021-07', value, rule, state, gap })).toEqual({
      da: 'Andelen på Sygedagpenge mv. var 1,9 % i juli 2021 mod målet ≤ 1,8 %: 0,1 pct.-point over målet. Målet er ikke opfyldt.',
      en: 'The share of people on sickness benefit etc. was 1.9 % in July 2021 against the target ≤ 1.8 %: 0.1 percentage points above the target. The goal is not met.',
    });
  });

  it('explains a met goal, and one exactly at the target', () => {
    const rule = threshold('lte', 1.8);
    const met = explainThreshold({ indicatorLabelDa: 'A-dagpenge', indicatorLabelEn: 'UI', period: '2021-08', value: 1.5, rule, state: 'met', gap: -0.3 });
    expect(met.da).toBe('Andelen på A-dagpenge var 1,5 % i august 2021 mod målet ≤ 1,8 %: 0,3 pct.-point under målet. Målet er opfyldt.');
    const at = explainThreshold({ indicatorLabelDa: 'A-dagpenge', indicatorLabelEn: 'UI', period: '2021-08', value: 1.8, rule, state: 'met', gap: 0 });
    expect(at.en).toContain('exactly at the target. The goal is met.');
  });
});
