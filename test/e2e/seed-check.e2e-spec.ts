import { runSeedCheck, SeedCheckResult, seedCheckSummary, seedCheckTable } from '@pejling/testing';

/**
 * The seed check (scripts/seed-check.mjs) as a test: the seeds' tables through the four built
 * services, every goal's state and figures compared with the seed's own status statement.
 */
describe('seed check: every seed goal judged from the seeds’ raw figures through the real pipeline', () => {
  let result: SeedCheckResult;

  beforeAll(async () => {
    result = await runSeedCheck();
  }, 180_000);

  it('has no goal whose state or figures differ from the seed', () => {
    const mismatches = result.rows.filter((row) => row.verdict?.mismatch);
    if (mismatches.length > 0)
      throw new Error(
        `${mismatches.length} mismatch(es):\n${seedCheckTable({ ...result, rows: mismatches })}\n${seedCheckSummary(result).join('\n')}`,
      );
    expect(mismatches).toEqual([]);
  });

  it('reads back every goal of every plan, with the municipality’s own figure wherever the seed prints one', () => {
    const judged = result.rows.filter((row) => row.verdict !== null);
    expect(judged.length).toBeGreaterThanOrEqual(53);
    const mal = (goal: string) => result.rows.find((row) => row.plan === 'frederiksberg-2022' && row.goal === goal)!;
    // 7.884 / 70.400 = 11,2 %, from Bilag 1's rows, not from its printed "I alt".
    expect(mal('Mål A').value).toBeCloseTo((100 * 7884) / 70400, 6);
    expect(mal('Mål A').verdict).toMatchObject({ figure: 'reproduced', comparison: 'not reproducible from the seed' });
    expect(result.rows.find((row) => row.plan === 'frederikssund-2022' && row.goal === 'BP21')).toMatchObject({
      pejlingState: 'at_risk',
      value: 216,
    });
  });

  it('flags Bilag 1’s Delsum 1.328 (1.217 + 106 = 1.323) on import', () => {
    expect(result.qualityFlags).toContainEqual({ municipality: '147', series: 'sygedagpenge-mv', period: '2021-07', check: 'group-total' });
  });
});
