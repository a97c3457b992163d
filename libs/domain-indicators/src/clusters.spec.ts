import { computeBenchmarks, MunicipalityValue } from './benchmarks';
import { clusterInForce, ClusterDeclaration, declaringPlan } from './clusters';

const api: ClusterDeclaration = { members: ['101', '157'], source: 'api', effectiveFrom: null };
const plan1: ClusterDeclaration = {
  members: ['157', '159', '173'],
  source: 'plan',
  planId: 'frederiksberg-2022',
  planVersion: 1,
  effectiveFrom: '2020-01',
};
const plan2: ClusterDeclaration = {
  members: ['157', '173', '230'],
  source: 'plan',
  planId: 'frederiksberg-2022',
  planVersion: 2,
  effectiveFrom: '2022-01',
};
const removed: ClusterDeclaration = { members: [], source: 'plan', planId: 'frederiksberg-2022', planVersion: 3, effectiveFrom: '2023-01' };

describe('the cluster in force for a period', () => {
  it('takes the newest plan declaration on or before the period, and the API cluster where no plan declares one', () => {
    const all = [api, plan1, plan2, removed];
    expect(clusterInForce(all, '2019-12')).toMatchObject({ source: 'api', members: ['101', '157'] });
    expect(clusterInForce(all, '2020-01')).toMatchObject({ source: 'plan', planVersion: 1, effectiveFrom: '2020-01' });
    expect(clusterInForce(all, '2021-12')).toMatchObject({ planVersion: 1 });
    expect(clusterInForce(all, '2022-06')).toMatchObject({ planVersion: 2, members: ['157', '173', '230'] });
    expect(clusterInForce(all, '2023-02')).toMatchObject({ source: 'api' });
    expect(clusterInForce([plan1, removed], '2023-02')).toBeUndefined();
    expect(clusterInForce([], '2023-02')).toBeUndefined();
  });

  it('knows whether a plan declares the cluster now (the API may then not override it)', () => {
    expect(declaringPlan([api, plan1, plan2])).toMatchObject({ planVersion: 2 });
    expect(declaringPlan([api, plan1, removed])).toBeUndefined();
    expect(declaringPlan([api])).toBeUndefined();
  });
});

describe('benchmarks with their bases', () => {
  const share = (municipality: string, numerator: number, denominator: number): MunicipalityValue => ({
    municipality,
    numerator,
    denominator,
    value: (100 * numerator) / denominator,
  });
  const values = [share('147', 1323, 70400), share('101', 9000, 450000), share('157', 700, 48000)];

  it("uses the country's official figure as the national one when it exists, and counts the municipalities either way", () => {
    const computed = computeBenchmarks(values, () => undefined).get('147')!;
    expect(computed.nationalBasis).toEqual({ source: 'municipalities', municipalities: 3, of: 98 });
    expect(computed.national).toBeCloseTo((100 * (1323 + 9000 + 700)) / (70400 + 450000 + 48000), 10);
    const official = computeBenchmarks(values, () => undefined, 2.41).get('147')!;
    expect(official).toMatchObject({
      national: 2.41,
      nationalBasis: { source: 'official', municipalities: 3, of: 98 },
      country: 2,
      countryOf: 3,
    });
  });

  it('describes the cluster: its source, plan version, effective month, members and how many had data', () => {
    const assignment = {
      members: ['101', '157', '159'],
      source: 'plan' as const,
      planId: 'frederiksberg-2022',
      planVersion: 1,
      effectiveFrom: '2015-01',
    };
    const reading = computeBenchmarks(values, (code) => (code === '147' ? assignment : undefined)).get('147')!;
    expect(reading.clusterBasis).toEqual({
      source: 'plan',
      planId: 'frederiksberg-2022',
      planVersion: 1,
      effectiveFrom: '2015-01',
      members: 3,
      withData: 2,
    });
    expect(reading.cluster).toBeCloseTo((2 + 700 / 480) / 2, 10);
    expect(computeBenchmarks(values, () => ['101', '157']).get('147')!.clusterBasis).toEqual({
      source: 'api',
      effectiveFrom: null,
      members: 2,
      withData: 2,
    });
    expect(computeBenchmarks(values, () => undefined).get('147')!.clusterBasis).toBeNull();
  });
});
