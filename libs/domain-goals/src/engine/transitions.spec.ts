import fc from 'fast-check';
import { EngineState } from './rules';
import { engineTransition, isJudged } from './transitions';

const STATES: EngineState[] = ['met', 'at_risk', 'breached', 'no_data', 'stale', 'not_applicable', 'pending'];

describe('engine transitions', () => {
  it.each<[EngineState | null, EngineState, string | null]>([
    [null, 'breached', 'breach'],
    ['met', 'breached', 'breach'],
    ['at_risk', 'breached', 'breach'],
    ['breached', 'breached', null],
    ['met', 'at_risk', 'at_risk'],
    ['breached', 'at_risk', 'recovery'],
    ['breached', 'met', 'recovery'],
    ['at_risk', 'met', 'recovery'],
    ['met', 'met', null],
    ['breached', 'stale', null],
    [null, 'met', null],
  ])('%s → %s: %s', (previous, next, expected) => {
    expect(engineTransition(previous, next)).toBe(expected);
  });

  it('never repeats a breach without a recovery in between, when fed the last judged state (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...STATES), { maxLength: 60 }), (states) => {
        let previous: EngineState | null = null;
        let openBreach = false;
        for (const state of states) {
          const transition = engineTransition(previous, state);
          if (transition === 'breach') {
            if (openBreach) return false;
            openBreach = true;
          }
          if (transition === 'recovery') openBreach = false;
          if (isJudged(state)) previous = state;
        }
        return true;
      }),
    );
  });
});
