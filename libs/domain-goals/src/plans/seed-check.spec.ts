import { atPrintedDecimals, judgeSeedGoal, NationalRows } from './seed-check';
import { SEED_STATUS, SeedStatus } from './seed-status';

const seed = (plan: string, goal: string): SeedStatus => {
  const status = SEED_STATUS.find((candidate) => candidate.plan === plan && candidate.goal === goal);
  if (!status) throw new Error(`${plan}/${goal} is not in SEED_STATUS`);
  return status;
};
const accepted: NationalRows = { refused: false };
const refused: NationalRows = { refused: true, reason: 'ingest refused the 17 "Hele landet" rows' };

describe('judgeSeedGoal: a seed goal as the pipeline judged it, against the seed’s own status', () => {
  it('reproduces the own figure, the printed national figure and the state (Frederikssund 1b: 79,9 % vs 81,4 %)', () => {
    const verdict = judgeSeedGoal(
      seed('frederikssund-2022', 'Resultatmål 1b'),
      { state: 'breached', value: 79.9, benchmarks: { national: 81.4 } },
      accepted,
    );
    expect(verdict).toEqual({ figure: 'as printed', comparison: 'reproduced', state: 'reproduced', notes: [], mismatch: false });
  });

  it('is a mismatch when the national figure or the state differs from the seed', () => {
    const status = seed('frederikssund-2022', 'Resultatmål 1b');
    expect(judgeSeedGoal(status, { state: 'breached', value: 79.9, benchmarks: { national: 79.9 } }, accepted)).toMatchObject({
      comparison: 'mismatch',
      mismatch: true,
      notes: ['national figure 79.9 where the seed prints 81.4'],
    });
    expect(judgeSeedGoal(status, { state: 'met', value: 79.9, benchmarks: { national: 81.4 } }, accepted)).toMatchObject({
      state: 'mismatch',
      mismatch: true,
    });
  });

  it('computes the own figure from the counts at the printed decimals (Frederiksberg Mål A: 7.884 / 70.400 = 11,2 %)', () => {
    const status = seed('frederiksberg-2022', 'Mål A');
    expect(judgeSeedGoal(status, { state: 'no_data', value: (100 * 7884) / 70400 }, accepted)).toMatchObject({
      figure: 'reproduced',
      mismatch: false,
    });
    expect(judgeSeedGoal(status, { state: 'no_data', value: (100 * 8381) / 70400 }, accepted)).toMatchObject({
      figure: 'mismatch',
      mismatch: true,
      notes: expect.arrayContaining(['own figure 11.9 where the seed prints 11.2']),
    });
    expect(judgeSeedGoal(status, { state: 'no_data', value: null }, accepted)).toMatchObject({ figure: 'mismatch', mismatch: true });
  });

  it('never takes a comparison the seed prints only as an offset: Pejling must say no data, not judge', () => {
    const status = seed('frederiksberg-2022', 'Mål A');
    expect(judgeSeedGoal(status, { state: 'no_data', value: 11.2 }, accepted)).toMatchObject({
      comparison: 'not reproducible from the seed',
      state: 'not reproducible from the seed',
      mismatch: false,
    });
    expect(judgeSeedGoal(status, { state: 'met', value: 11.2, benchmarks: { cluster: 12.5 } }, accepted)).toMatchObject({
      state: 'mismatch',
      mismatch: true,
    });
  });

  it('says so when ingest refused the national rows, instead of comparing a state judged without them', () => {
    const status = seed('frederikssund-2022', 'Resultatmål 1c');
    expect(judgeSeedGoal(status, { state: 'breached', value: 46.4, benchmarks: { national: 4640 } }, refused)).toEqual({
      figure: 'as printed',
      comparison: 'national figure not accepted by ingest',
      state: 'national figure not accepted by ingest',
      notes: ['ingest refused the 17 "Hele landet" rows'],
      mismatch: false,
    });
    // The own figure is still checked.
    expect(judgeSeedGoal(status, { state: 'breached', value: 40, benchmarks: null }, refused)).toMatchObject({
      figure: 'mismatch',
      mismatch: true,
    });
  });

  it('does not reproduce a national share the seed prints without the country’s counts (Frederikssund 3a)', () => {
    const status = seed('frederikssund-2022', 'Resultatmål 3a');
    expect(judgeSeedGoal(status, { state: 'no_data', value: (100 * 835) / 28034 }, accepted)).toMatchObject({
      figure: 'reproduced',
      comparison: 'not reproducible from the seed',
      state: 'not reproducible from the seed',
      mismatch: false,
    });
    expect(judgeSeedGoal(status, { state: 'breached', value: (100 * 835) / 28034, benchmarks: { national: 2.1 } }, accepted)).toMatchObject(
      { state: 'mismatch' },
    );
  });

  it('reads a bound ("over de 80 %") as no figure: the seed’s "met" is not reproducible, and Pejling must not claim it', () => {
    const status = seed('dragoer-2022-2023', 'DR-3.2');
    expect(judgeSeedGoal(status, { state: 'no_data', value: null }, accepted)).toMatchObject({
      figure: 'not printed',
      state: 'not reproducible from the seed',
      mismatch: false,
    });
    expect(judgeSeedGoal(status, { state: 'met', value: null }, accepted)).toMatchObject({ state: 'mismatch', mismatch: true });
  });

  it('expects no data for a goal the seed has no status for', () => {
    expect(judgeSeedGoal(undefined, { state: 'no_data', value: null }, accepted)).toMatchObject({
      state: 'reproduced',
      figure: 'not printed',
      comparison: 'none',
      mismatch: false,
    });
    expect(judgeSeedGoal(undefined, { state: 'met', value: 50 }, accepted)).toMatchObject({ state: 'mismatch', mismatch: true });
  });

  it('says so when a goal has a status whose figures no fixture imports', () => {
    const status = { expected: 'met' as const, check: undefined };
    expect(judgeSeedGoal(status, { state: 'no_data', value: null }, accepted)).toMatchObject({
      state: 'figures not transcribed',
      mismatch: false,
    });
  });

  it('rounds as the plans print: half away from zero', () => {
    expect(atPrintedDecimals(0.05, 1)).toBe(0.1);
    expect(atPrintedDecimals(2.9784, 1)).toBe(3);
    expect(atPrintedDecimals(-0.25, 1)).toBe(-0.3);
    expect(atPrintedDecimals(215.6, 0)).toBe(216);
  });

  it('has a figure check for every seed goal that prints one, at a period the fixtures hold', () => {
    const withFigures = SEED_STATUS.filter((status) => status.check && status.check.figure !== null);
    expect(withFigures.length).toBeGreaterThanOrEqual(30);
    for (const status of withFigures) expect(status.check?.period).toMatch(/^\d{4}(-\d{2}|Q\d|QMAT\d{2})?$/);
  });
});
