import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { clusterChanges } from './plan-clusters';
import { planClusters, validatePlan } from './plan-schema';

const base = {
  id: 'test-2022',
  municipality: '147',
  title: 'Test',
  years: [2022],
  source: { document: 'x.txt', committee: 'AUU' },
  focusAreas: [{ id: 'a', title: 'A', goals: [] }],
};

describe('clusters declared in a plan', () => {
  it('accepts a member list or members with their own first month', () => {
    const result = validatePlan({
      ...base,
      clusters: { 'share.a-dagpenge': ['157', '101'], 'share.sygedagpenge-mv': { members: ['230', '157', '173'], from: '2015-01' } },
    });
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(planClusters(result.plan)).toEqual([
        { indicatorId: 'share.a-dagpenge', members: ['101', '157'] },
        { indicatorId: 'share.sygedagpenge-mv', members: ['157', '173', '230'], from: '2015-01' },
      ]);
    }
  });

  it("needs at least two members besides the municipality, at the cluster's path", () => {
    const result = validatePlan({ ...base, clusters: { 'share.a-dagpenge': ['147', '101', '101'] } });
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.errors).toContainEqual({
        path: 'clusters.share.a-dagpenge',
        message: expect.stringMatching(/at least 2 members besides the municipality 147 \(got 1\)/),
      });
    const badFrom = validatePlan({ ...base, clusters: { 'share.a-dagpenge': { members: ['101', '157'], from: '2015-13' } } });
    expect(badFrom.ok).toBe(false);
    if (!badFrom.ok) expect(badFrom.errors[0].path).toMatch(/^clusters\.share\.a-dagpenge/);
  });

  it('declares what a new version changes: every cluster with its first month, and the removed ones', () => {
    const v1 = { clusters: { 'share.a-dagpenge': ['101', '157'], 'share.kontanthjaelp-mv': ['101', '159'] } };
    expect(clusterChanges(null, v1, '2022-01')).toEqual({
      clusters: [
        { indicatorId: 'share.a-dagpenge', members: ['101', '157'], from: '2022-01' },
        { indicatorId: 'share.kontanthjaelp-mv', members: ['101', '159'], from: '2022-01' },
      ],
      removed: [],
    });
    expect(clusterChanges(null, { clusters: {} }, '2022-01')).toBeNull();
    expect(
      clusterChanges(v1, { clusters: { 'share.kontanthjaelp-mv': ['159', '101'], 'share.a-dagpenge': ['157', '101'] } }, '2023-01'),
    ).toBeNull();
    const v2 = { clusters: { 'share.a-dagpenge': { members: ['101', '157', '173'], from: '2015-01' } } };
    expect(clusterChanges(v1, v2, '2023-01')).toEqual({
      clusters: [{ indicatorId: 'share.a-dagpenge', members: ['101', '157', '173'], from: '2015-01' }],
      removed: [{ indicatorId: 'share.kontanthjaelp-mv', from: '2023-01' }],
    });
  });
});

describe("Frederiksberg's plan declares the clusters its goals are judged against", () => {
  it('has a cluster of at least two others for the indicator of every cluster goal (Mål A-H, H′)', () => {
    const result = validatePlan(parse(fs.readFileSync(path.resolve(__dirname, '../../../../plans/frederiksberg-2022.yaml'), 'utf8')));
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    const declared = new Map(planClusters(result.plan).map((cluster) => [cluster.indicatorId, cluster]));
    const clusterGoals = result.plan.focusAreas
      .flatMap((area) => area.goals)
      .filter(
        (goal) =>
          (goal.rule.kind === 'benchmark' && goal.rule.benchmark === 'cluster') ||
          (goal.rule.kind === 'rank' && goal.rule.within === 'cluster'),
      );
    expect(clusterGoals.map((goal) => goal.id)).toEqual(['Mål A', 'Mål B', 'Mål C', 'Mål D', 'Mål E', 'Mål F', 'Mål G', 'Mål H', 'Mål H′']);
    for (const goal of clusterGoals)
      expect(declared.get(goal.indicator)?.members.filter((code) => code !== '147').length).toBeGreaterThanOrEqual(2);
    expect(declared.get('share.sygedagpenge-mv')?.members).toHaveLength(3);
  });
});
