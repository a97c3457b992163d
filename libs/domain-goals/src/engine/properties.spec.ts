import fc from 'fast-check';
import { Comparator } from './comparator';
import { evaluateRule } from './evaluate';
import { stabilize } from './hysteresis';
import { EngineState, GoalSpec } from './rules';

const finite = fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e6, max: 1e6 });
const comparator = fc.constantFrom<Comparator>('lt', 'lte', 'gt', 'gte');
const MIRROR: Record<Comparator, Comparator> = { lt: 'gt', lte: 'gte', gt: 'lt', gte: 'lte' };
const ctx = { asOf: '2021-09' };

describe('goal engine properties', () => {
  it('direction symmetry: a lower-is-better benchmark goal on v is the higher-is-better goal on −v', () => {
    fc.assert(
      fc.property(comparator, finite, finite, finite, (cmp, offset, value, benchmark) => {
        const lowerSpec: GoalSpec = {
          direction: 'lower_is_better',
          rule: { kind: 'benchmark', benchmark: 'cluster', comparator: cmp, offsetPp: offset },
        };
        const higherSpec: GoalSpec = {
          direction: 'higher_is_better',
          rule: { kind: 'benchmark', benchmark: 'cluster', comparator: MIRROR[cmp], offsetPp: -offset },
        };
        const a = evaluateRule(lowerSpec, { period: '2021-07', value, benchmarks: { cluster: benchmark } }, ctx).state;
        const b = evaluateRule(higherSpec, { period: '2021-07', value: -value, benchmarks: { cluster: -benchmark } }, ctx).state;
        return a === b;
      }),
    );
  });

  it('hysteresis never flaps on noise that alternates faster than N periods', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 6 }),
        fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 1, maxLength: 40 }),
        (required, runs) => {
          // Runs of met/breached, every run shorter than `required`: the stable state must never leave 'met'.
          const raw: EngineState[] = [];
          runs.forEach((length, i) =>
            raw.push(...Array<EngineState>(Math.min(length, required - 1)).fill(i % 2 === 0 ? 'breached' : 'met')),
          );
          let stable: EngineState = 'met';
          for (let i = 0; i < raw.length; i++) {
            stable = stabilize(stable, raw.slice(0, i + 1), required);
            if (stable !== 'met') return false;
          }
          return true;
        },
      ),
    );
  });

  it('hysteresis follows a sustained change after exactly N periods', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 6 }), (required) => {
        let stable: EngineState = 'met';
        const raw: EngineState[] = [];
        for (let i = 1; i <= required; i++) {
          raw.push('breached');
          stable = stabilize(stable, raw, required);
          if ((i < required && stable !== 'met') || (i === required && stable !== 'breached')) return false;
        }
        return true;
      }),
    );
  });

  it('a revised figure converges to the state of ingesting the final value directly', () => {
    fc.assert(
      fc.property(comparator, finite, fc.array(finite, { minLength: 1, maxLength: 5 }), (cmp, target, revisions) => {
        const spec: GoalSpec = { direction: 'lower_is_better', rule: { kind: 'threshold', comparator: cmp, target } };
        // Evaluate every revision in turn; the last evaluation must equal evaluating the final value alone.
        const sequence = revisions.map((value) => evaluateRule(spec, { period: '2021-07', value }, ctx));
        const direct = evaluateRule(spec, { period: '2021-07', value: revisions[revisions.length - 1] }, ctx);
        return JSON.stringify(sequence[sequence.length - 1]) === JSON.stringify(direct);
      }),
    );
  });
});
