import { createEvent, parseEvent } from './envelope';
import { topicOf } from './registry';
import { v2 } from './test/goal-transition-v2';
import { TOPICS } from './topics';

const envelope = (type: string, version: number, payload: unknown) => ({
  id: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
  type,
  version,
  source: 'pejling/goals',
  time: '2021-08-01T10:00:00.000Z',
  municipality: '147',
  payload,
});

describe('goal transitions v3', () => {
  it('upcasts a v2 transition to v5: its one owner had no id, so no owner can be resolved; nothing of the plan is known', () => {
    const parsed = parseEvent(envelope('goal.breached', 2, v2));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    const payload = parsed.event.payload as Record<string, unknown>;
    expect(payload).toMatchObject({
      periodKind: 'month',
      ownerIds: [],
      plan: null,
      focusArea: null,
      planGoalId: null,
      goalText: null,
      trend: [],
      historical: false,
    });
    expect(payload).not.toHaveProperty('owner');
    expect(payload).not.toHaveProperty('owners');
  });

  it('upcasts a v1 transition all the way, keeping an owner without channels', () => {
    const v1 = {
      ...v2,
      rule: { kind: 'threshold', comparator: 'lte', target: 1.8 },
      gap: 0.08,
      state: 'breached',
      previousState: 'met',
      owner: { name: 'Udvalg', email: null, webhookUrl: null },
    };
    const {
      direction: _d,
      rawState: _r,
      reason: _re,
      measured: _m,
      required: _q,
      benchmarks: _b,
      projection: _p,
      severity: _s,
      ...bare
    } = v1;
    const parsed = parseEvent(envelope('goal.recovered', 1, { ...bare, transition: 'recovery', state: 'met', value: 1.7 }));
    expect(parsed).toMatchObject({ ok: true, event: { payload: { ownerIds: [], severity: 'major' } } });
  });

  it('has a goal.stale type on the transitions topic, from v3, and refuses a teams channel without a target', () => {
    expect(topicOf('goal.stale')).toBe(TOPICS.goalTransitions);
    const { owner: _owner, ...rest } = v2;
    const v3 = {
      ...rest,
      period: '2021Q3',
      periodKind: 'quarter',
      transition: 'stale',
      state: 'stale',
      owners: [
        {
          id: null,
          name: 'Team',
          channels: [{ type: 'teams', target: 'https://x.example/workflows' }],
          language: 'en',
          timeZone: 'Europe/Copenhagen',
        },
      ],
      plan: { id: 'frederiksberg-2022', name: 'Beskæftigelsesplan 2022' },
      focusArea: { id: 'tvaergaaende', title: 'Tværgående mål' },
      planGoalId: 'Mål E',
      goalText: 'Sygedagpengeområdet',
      indicator: { labelDa: 'Sygedagpenge mv.', labelEn: 'Sickness benefit etc.', unit: 'percent' },
      trend: [{ period: '2021Q2', value: 1.7 }],
      historical: false,
    };
    expect(parseEvent(envelope('goal.stale', 3, v3))).toMatchObject({
      ok: true,
      event: { version: 3, payload: { benchmarks: { national: null, cluster: null, nationalBasis: null, clusterBasis: null } } },
    });
    const { owners: _owners, ...v4rest } = { ...v3, benchmarks: { ...v3.benchmarks, nationalBasis: null, clusterBasis: null } };
    expect(createEvent('goal.stale', { ...v4rest, ownerIds: [] } as never, { source: 'pejling/goals', municipality: '147' }).version).toBe(
      5,
    );
    expect(parseEvent(envelope('goal.stale', 2, v2))).toMatchObject({ ok: false, reason: expect.stringMatching(/unsupported version 2/) });
    const broken = { ...v3, owners: [{ ...v3.owners[0], channels: [{ type: 'teams', target: '' }] }] };
    expect(parseEvent(envelope('goal.stale', 3, broken))).toMatchObject({
      ok: false,
      reason: expect.stringMatching(/owners\.0\.channels\.0\.target/),
    });
  });

  it('routes notification events to their own topic', () => {
    expect(topicOf('notification.delivery-failed')).toBe(TOPICS.notifications);
    expect(topicOf('notification.endpoint-disabled')).toBe(TOPICS.notifications);
    expect(topicOf('notification.episode-acknowledged')).toBe(TOPICS.notifications);
    expect(topicOf('notification.subscription-disabled')).toBe(TOPICS.notifications);
  });
});
