import { EngineState } from '../engine/rules';
import { SeedStatus } from './seed-status';

/** What the pipeline says about one goal after the seed's figures went through it. */
export interface ObservedGoal {
  /** The stable state of the evaluation of the seed's period (or the goal's current state when the seed prints no figure). */
  state: EngineState | string;
  value: number | null;
  benchmarks?: { national?: number | null; cluster?: number | null } | null;
}

/** What the import of the seeds' national figures ("Hele landet" rows) came to. */
export interface NationalRows {
  /** Ingest refused or skipped them: the country is not yet an area of its own. */
  refused: boolean;
  reason?: string;
}

export type FigureVerdict = 'reproduced' | 'as printed' | 'not printed' | 'mismatch';
export type ComparisonVerdict =
  'reproduced' | 'not reproducible from the seed' | 'national figure not accepted by ingest' | 'mismatch' | 'none';
export type StateVerdict =
  'reproduced' | 'not reproducible from the seed' | 'national figure not accepted by ingest' | 'figures not transcribed' | 'mismatch';

export interface SeedGoalVerdict {
  figure: FigureVerdict;
  comparison: ComparisonVerdict;
  state: StateVerdict;
  /** Why a verdict is what it is, in a few words (empty when everything was reproduced). */
  notes: string[];
  mismatch: boolean;
}

const NATIONAL_REFUSED = 'national figure not accepted by ingest';

/** A figure at the decimals the seed prints (half away from zero, as the plans round). */
export function atPrintedDecimals(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return (Math.sign(value) * Math.round(Math.abs(value) * factor + 1e-9)) / factor;
}

/**
 * Compares what the pipeline made of a seed goal with the seed's own status statement. The state
 * is only comparable where the seed prints both sides of the goal's comparison; elsewhere Pejling
 * must say it has no data rather than judge on figures the seed does not give.
 */
export function judgeSeedGoal(
  status: Pick<SeedStatus, 'expected' | 'check'> | undefined,
  observed: ObservedGoal,
  nationalRows: NationalRows,
): SeedGoalVerdict {
  const notes: string[] = [];
  const check = status?.check;
  const expected: EngineState = status?.expected ?? 'no_data';

  let figure: FigureVerdict = 'not printed';
  if (check && check.figure !== null) {
    const decimals = check.decimals ?? 1;
    const shown = observed.value === null ? null : atPrintedDecimals(observed.value, decimals);
    if (shown === check.figure) figure = check.from === 'ready-made' ? 'as printed' : 'reproduced';
    else {
      figure = 'mismatch';
      notes.push(`own figure ${shown?.toFixed(decimals) ?? 'missing'} where the seed prints ${check.figure.toFixed(decimals)}`);
    }
  } else if (check?.why) notes.push(check.why);

  let comparison: ComparisonVerdict = 'none';
  const other = check?.comparison;
  if (other) {
    if (other.with === 'national' && nationalRows.refused) {
      comparison = NATIONAL_REFUSED;
      notes.push(nationalRows.reason ?? 'the "Hele landet" rows were refused');
    } else if (other.figure === null || other.importable === false) {
      comparison = 'not reproducible from the seed';
      if (other.why) notes.push(other.why);
    } else {
      const benchmark = other.with === 'national' ? observed.benchmarks?.national : observed.benchmarks?.cluster;
      const decimals = check?.decimals ?? 1;
      const shown = benchmark === null || benchmark === undefined ? null : atPrintedDecimals(benchmark, decimals);
      if (shown === other.figure) comparison = 'reproduced';
      else {
        comparison = 'mismatch';
        notes.push(`${other.with} figure ${shown?.toFixed(decimals) ?? 'missing'} where the seed prints ${other.figure.toFixed(decimals)}`);
      }
    }
  }

  let state: StateVerdict;
  if (status && !check && expected !== 'no_data') {
    // A status with figures the check does not import (e.g. a plan added after the fixtures): say so, never guess.
    state = 'figures not transcribed';
    notes.push('SEED_STATUS gives this goal a status but no check: no fixture in test/fixtures/seeds imports its figures');
  } else if (comparison === NATIONAL_REFUSED) state = NATIONAL_REFUSED;
  else if ((comparison === 'not reproducible from the seed' || (check && check.figure === null)) && expected !== 'no_data') {
    // The seed's verdict rests on figures it does not print: Pejling must not pretend to know.
    state = observed.state === 'no_data' ? 'not reproducible from the seed' : 'mismatch';
    if (state === 'mismatch') notes.push(`Pejling says ${observed.state} without the figures the seed's verdict rests on`);
  } else if (observed.state === expected) state = 'reproduced';
  else {
    state = 'mismatch';
    notes.push(`Pejling says ${observed.state}, the seed ${expected}`);
  }

  return { figure, comparison, state, notes, mismatch: figure === 'mismatch' || comparison === 'mismatch' || state === 'mismatch' };
}
