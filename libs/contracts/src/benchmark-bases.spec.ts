import { createEvent, parseEvent } from './envelope';
import { topicOf } from './registry';
import { TOPICS } from './topics';

const envelope = (type: string, version: number, payload: unknown, municipality = '147') => ({
  id: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
  type,
  version,
  source: 'pejling/test',
  time: '2021-08-01T10:00:00.000Z',
  municipality,
  payload,
});

const figureV2 = {
  figureId: '00000000-0000-4000-8000-000000000001',
  source: 'jobindsats:y07a02',
  series: 'sygedagpenge',
  municipality: '147',
  period: '2021-07',
  periodKind: 'month',
  value: 1217,
  unit: 'full-time-persons',
  previousValue: null,
  revision: 1,
  sourceUpdatedAt: null,
  previousSourceUpdatedAt: null,
};

describe('figure.recorded v3: the country as an area of its own', () => {
  it("upcasts v2 as a municipality's figure", () => {
    expect(parseEvent(envelope('figure.recorded', 2, figureV2))).toMatchObject({
      ok: true,
      event: { payload: { area: 'municipality', municipality: '147' } },
    });
  });

  it("carries the country's figures under the area code 000, and only them", () => {
    const country = createEvent('figure.recorded', { ...figureV2, municipality: '000', area: 'country' } as never, {
      source: 'pejling/ingest',
      municipality: '000',
    });
    expect(country).toMatchObject({ version: 3, municipality: '000', payload: { area: 'country' } });
    expect(parseEvent(envelope('figure.recorded', 3, { ...figureV2, municipality: '000', area: 'municipality' }, '000'))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/municipality/),
    });
    expect(parseEvent(envelope('figure.recorded', 3, { ...figureV2, area: 'country' }))).toMatchObject({ ok: false });
  });
});

describe('indicator.computed v4: what the benchmarks are', () => {
  const v3 = {
    indicatorId: 'share.sygedagpenge-mv',
    municipality: '147',
    period: '2021-07',
    periodKind: 'month',
    value: 1.88,
    unit: 'percent',
    numerator: 1323,
    denominator: 70400,
    parts: {},
    previousValue: null,
    benchmarks: { national: 1.88, cluster: null, clusterMembers: [] },
    rank: { country: 1, countryOf: 1, cluster: null, clusterOf: 0 },
  };

  it('upcasts v3: the national average was computed from the municipalities ranked, the cluster basis unknown', () => {
    expect(parseEvent(envelope('indicator.computed', 3, v3))).toMatchObject({
      ok: true,
      event: {
        payload: {
          benchmarks: { national: 1.88, nationalBasis: { source: 'municipalities', municipalities: 1, of: 98 }, clusterBasis: null },
        },
      },
    });
  });

  it('requires the national basis in v4 and accepts a plan cluster basis', () => {
    expect(parseEvent(envelope('indicator.computed', 4, v3)).ok).toBe(false);
    const v4 = {
      ...v3,
      benchmarks: {
        ...v3.benchmarks,
        cluster: 1.6,
        clusterMembers: ['157', '173', '230'],
        nationalBasis: { source: 'official', municipalities: 98, of: 98 },
        clusterBasis: { source: 'plan', planId: 'frederiksberg-2022', planVersion: 1, effectiveFrom: '2015-01', members: 3, withData: 3 },
      },
    };
    expect(parseEvent(envelope('indicator.computed', 4, v4)).ok).toBe(true);
  });
});

describe('plan.clusters-declared v1', () => {
  const declared = {
    planId: 'frederiksberg-2022',
    planVersion: 1,
    municipality: '147',
    effectiveFrom: '2022-01',
    clusters: [{ indicatorId: 'share.sygedagpenge-mv', members: ['157', '173', '230'], from: '2015-01' }],
    removed: [{ indicatorId: 'share.a-dagpenge', from: '2022-01' }],
  };

  it('travels on the plans topic and refuses a cluster of fewer than two members', () => {
    expect(topicOf('plan.clusters-declared')).toBe(TOPICS.plans);
    expect(createEvent('plan.clusters-declared', declared, { source: 'pejling/goals', municipality: '147' }).version).toBe(1);
    const tooSmall = { ...declared, clusters: [{ ...declared.clusters[0], members: ['157'] }] };
    expect(parseEvent(envelope('plan.clusters-declared', 1, tooSmall))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/clusters\.0\.members/),
    });
  });
});

describe('goal transitions v4', () => {
  it('upcasts a v3 evaluation with unknown bases', () => {
    const parsed = parseEvent(
      envelope('goal.evaluated', 3, {
        evaluationId: '00000000-0000-4000-8000-000000000001',
        goalId: '10000000-0000-4000-8000-000000000001',
        goalName: 'Mål E',
        municipality: '147',
        indicatorId: 'share.sygedagpenge-mv',
        period: '2021-07',
        periodKind: 'month',
        value: 1.88,
        rule: { kind: 'threshold', comparator: 'lte', target: 1.8 },
        direction: 'lower_is_better',
        state: 'breached',
        rawState: 'breached',
        previousState: 'met',
        reason: 'compared',
        measured: 1.88,
        required: 1.8,
        gap: 0.08,
        benchmarks: { national: 1.88, cluster: null },
        projection: null,
        explanation: { da: 'Ikke opfyldt.', en: 'Not met.' },
      }),
    );
    expect(parsed).toMatchObject({
      ok: true,
      event: { payload: { benchmarks: { national: 1.88, nationalBasis: null, clusterBasis: null } } },
    });
  });
});
