import { createEvent, decodeEvent, parseEvent } from './envelope';
import { deadLetterTopic, logicalTopic, physicalTopic, TOPICS } from './topics';
import { topicOf } from './registry';

const figure = {
  figureId: '4f7d5a3e-2b7c-4a43-9a3a-0c7b8f1f0a11',
  source: 'jobindsats',
  series: 'sygedagpenge',
  municipality: '147',
  period: '2021-07',
  periodKind: 'month' as const,
  value: 1217,
  unit: 'full-time-persons' as const,
  previousValue: null,
  revision: 1,
  sourceUpdatedAt: null,
  previousSourceUpdatedAt: null,
  area: 'municipality' as const,
};

describe('event envelope', () => {
  it('creates a valid envelope with id, type, version, source, time and municipality key', () => {
    const event = createEvent('figure.recorded', figure, { source: 'pejling/ingest', municipality: '147' });
    expect(event).toMatchObject({ type: 'figure.recorded', version: 3, source: 'pejling/ingest', municipality: '147' });
    expect(event.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(new Date(event.time).toString()).not.toBe('Invalid Date');
  });

  it('refuses to create an event whose payload breaks the schema', () => {
    expect(() => createEvent('figure.recorded', { ...figure, period: '2021-13' }, { source: 'x', municipality: '147' })).toThrow(/period/);
  });

  it('round-trips through the Kafka value bytes', () => {
    const event = createEvent('figure.recorded', figure, { source: 'pejling/ingest', municipality: '147' });
    const decoded = decodeEvent(Buffer.from(JSON.stringify(event)));
    expect(decoded).toEqual({ ok: true, event });
  });

  it.each([
    ['not JSON', Buffer.from('{oops'), /not JSON/],
    ['null value', null, /empty/],
    ['unknown type', Buffer.from(JSON.stringify({ ...baseEnvelope(), type: 'figure.exploded' })), /unknown event type/],
    ['unknown version', Buffer.from(JSON.stringify({ ...baseEnvelope(), version: 7 })), /unsupported version 7/],
    ['bad payload', Buffer.from(JSON.stringify({ ...baseEnvelope(), payload: { ...figure, value: 'x' } })), /payload: value/],
    ['bad municipality key', Buffer.from(JSON.stringify({ ...baseEnvelope(), municipality: '14' })), /municipality/],
  ])('rejects %s with a reason', (_name, value, reason) => {
    const result = decodeEvent(value as Buffer | null);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toMatch(reason);
  });

  it('parses a plain object as well', () => {
    expect(parseEvent(baseEnvelope()).ok).toBe(true);
  });

  it('figure.flagged v2 adds the printed-change checks; a v1 flag is still read, a v1 with a v2 check is refused', () => {
    const flag = {
      flagId: '4f7d5a3e-2b7c-4a43-9a3a-0c7b8f1f0a11',
      check: 'group-total',
      source: 'bilag-1',
      series: 'sygedagpenge-mv',
      municipality: '147',
      period: '2021-07',
      value: 1328,
      details: { sumOfParts: 1323 },
      message: { da: 'x', en: 'y' },
      batchId: '5f7d5a3e-2b7c-4a43-9a3a-0c7b8f1f0a11',
    };
    const change = createEvent('figure.flagged', { ...flag, check: 'change-percent' }, { source: 'pejling/ingest', municipality: '147' });
    expect(change.version).toBe(2);
    expect(parseEvent(change)).toMatchObject({ ok: true, event: { payload: { check: 'change-percent' } } });
    const v1 = { ...change, version: 1, payload: flag };
    expect(parseEvent(v1)).toMatchObject({ ok: true, event: { version: 1, payload: flag } });
    expect(parseEvent({ ...v1, payload: { ...flag, check: 'change' } })).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/figure.flagged v1 payload: check/),
    });
  });
});

describe('topics', () => {
  it('maps event types to their topics', () => {
    expect(topicOf('goal.breached')).toBe(TOPICS.goalTransitions);
    expect(topicOf('goal.recovered')).toBe(TOPICS.goalTransitions);
    expect(topicOf('figure.recorded')).toBe(TOPICS.figures);
  });

  it('prefixes and unprefixes topic names, and names dead-letter topics', () => {
    expect(physicalTopic(TOPICS.figures, 'test-1.')).toBe('test-1.pejling.figures.v1');
    expect(logicalTopic('test-1.pejling.figures.v1', 'test-1.')).toBe(TOPICS.figures);
    expect(logicalTopic(TOPICS.figures, '')).toBe(TOPICS.figures);
    expect(deadLetterTopic(TOPICS.figures)).toBe('pejling.figures.v1.dlt');
  });
});

function baseEnvelope() {
  return {
    id: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
    type: 'figure.recorded',
    version: 1,
    source: 'pejling/ingest',
    time: '2021-08-01T10:00:00.000Z',
    municipality: '147',
    payload: figure,
  };
}

describe('older versions on the wire', () => {
  it('upcasts a figure.recorded v1 to the current shape (a month, no source timestamps)', () => {
    const { periodKind: _kind, sourceUpdatedAt: _at, previousSourceUpdatedAt: _previous, ...v1 } = figure;
    const parsed = parseEvent({ ...baseEnvelope(), version: 1, payload: v1 });
    expect(parsed).toMatchObject({
      ok: true,
      event: { version: 1, payload: { ...v1, periodKind: 'month', sourceUpdatedAt: null, previousSourceUpdatedAt: null } },
    });
  });

  it('upcasts an indicator.computed v1 through v2 to v3', () => {
    const v1 = {
      indicatorId: 'share.sygedagpenge',
      municipality: '147',
      period: '2021-07',
      value: 1.7,
      unit: 'percent',
      numerator: 1217,
      denominator: 70400,
      parts: {},
      previousValue: null,
    };
    const parsed = parseEvent({ ...baseEnvelope(), type: 'indicator.computed', version: 1, payload: v1 });
    expect(parsed).toMatchObject({
      ok: true,
      event: { payload: { ...v1, periodKind: 'month', benchmarks: { national: null, cluster: null, clusterMembers: [] } } },
    });
  });

  it('accepts a v3 reading as v4, and a reading in percentage points only from v4 on', () => {
    const v3 = {
      indicatorId: 'share.sygedagpenge-mv.change-12m',
      municipality: '147',
      period: '2021-07',
      periodKind: 'month',
      value: 0.27,
      unit: 'percent',
      numerator: 187,
      denominator: 70400,
      parts: {},
      previousValue: null,
      benchmarks: { national: null, cluster: null, clusterMembers: [] },
      rank: { country: null, countryOf: 0, cluster: null, clusterOf: 0 },
    };
    expect(parseEvent({ ...baseEnvelope(), type: 'indicator.computed', version: 3, payload: v3 })).toMatchObject({
      ok: true,
      event: { payload: v3 },
    });
    expect(parseEvent({ ...baseEnvelope(), type: 'indicator.computed', version: 3, payload: { ...v3, unit: 'pp' } }).ok).toBe(false);
    const v4 = {
      ...v3,
      unit: 'pp',
      benchmarks: { ...v3.benchmarks, nationalBasis: { source: 'municipalities', municipalities: 1, of: 98 }, clusterBasis: null },
    };
    expect(parseEvent({ ...baseEnvelope(), type: 'indicator.computed', version: 4, payload: v4 })).toMatchObject({
      ok: true,
      event: { payload: { unit: 'pp' } },
    });
  });

  it('accepts every period kind in the current version and refuses a month in a quarter’s place', () => {
    const quarterly = { ...figure, period: '2021QMAT02', periodKind: 'rolling-year' as const };
    expect(createEvent('figure.recorded', quarterly, { source: 'x', municipality: '147' }).payload.period).toBe('2021QMAT02');
    expect(parseEvent({ ...baseEnvelope(), version: 1, payload: { ...figure, period: '2021Q3' } }).ok).toBe(false);
  });
});
