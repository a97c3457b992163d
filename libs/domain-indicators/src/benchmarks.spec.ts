import { computeBenchmarks, MunicipalityValue } from './benchmarks';

const share = (municipality: string, numerator: number, denominator: number): MunicipalityValue => ({
  municipality,
  numerator,
  denominator,
  value: (100 * numerator) / denominator,
});

describe('benchmarks', () => {
  const values = [share('147', 2113, 70400), share('101', 16000, 450000), share('157', 900, 48000), share('159', 1300, 45000)];
  const clusters = new Map([['147', ['101', '157', '159']]]);

  it('computes the national average over the whole population, not as a mean of shares', () => {
    const readings = computeBenchmarks(values, (code) => clusters.get(code));
    expect(readings.get('147')!.national).toBeCloseTo((100 * (2113 + 16000 + 900 + 1300)) / (70400 + 450000 + 48000 + 45000), 10);
  });

  it("averages the municipality's own cluster and ranks it there and in the country (1 = lowest share)", () => {
    const reading = computeBenchmarks(values, (code) => clusters.get(code)).get('147')!;
    const clusterShares = [16000 / 4500, 900 / 480, 1300 / 450];
    expect(reading.cluster).toBeCloseTo(clusterShares.reduce((a, b) => a + b) / 3, 10);
    expect(reading.clusterMembers).toEqual(['101', '157', '159']);
    expect(reading).toMatchObject({ country: 3, countryOf: 4, clusterRank: 3, clusterOf: 4 });
    expect(computeBenchmarks(values, (code) => clusters.get(code)).get('157')).toMatchObject({
      country: 1,
      cluster: null,
      clusterRank: null,
      clusterOf: 0,
    });
  });

  it('ignores cluster members without data and shares ranks on ties', () => {
    const tied = [share('147', 10, 1000), share('101', 10, 1000), share('157', 20, 1000)];
    const readings = computeBenchmarks(tied, () => ['101', '999']);
    expect(readings.get('147')).toMatchObject({ cluster: 1, country: 1, clusterRank: 1, clusterOf: 2 });
    expect(readings.get('157')).toMatchObject({ country: 3 });
  });

  it('has no national average without data', () => {
    expect(computeBenchmarks([], () => undefined).size).toBe(0);
  });
});

describe('a cluster whose other members have no data', () => {
  const frederiksberg = { municipality: '147', value: 38.3, numerator: 18, denominator: 47 };
  it('gives no cluster average and no cluster rank, even when the municipality is listed among the members', () => {
    for (const members of [
      ['157', '173'],
      ['147', '157', '173'],
    ]) {
      const reading = computeBenchmarks([frederiksberg], () => members).get('147');
      expect(reading).toMatchObject({ cluster: null, clusterRank: null, clusterOf: 0 });
    }
  });
  it('ranks and averages as soon as one peer has data', () => {
    const reading = computeBenchmarks([frederiksberg, { municipality: '157', value: 51.5, numerator: 51.5, denominator: 100 }], () => [
      '157',
      '173',
    ]).get('147');
    expect(reading).toMatchObject({ cluster: 51.5, clusterRank: 1, clusterOf: 2 });
  });
});
