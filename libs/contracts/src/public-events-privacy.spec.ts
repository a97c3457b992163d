import { z } from 'zod';
import { parseEvent } from './envelope';
import { EVENT_TYPES, EventType } from './registry';
import { isPublicTopic } from './topic-visibility';
import { TOPICS } from './topics';

/** Property names that would carry people's names, addresses or channel URLs (credentials); `name` and `target` also name plans and rule targets. */
const PERSONAL = [
  'owners',
  'owner',
  'email',
  'channels',
  'webhookUrl',
  'teamsWebhookUrl',
  'slackWebhookUrl',
  'recipientName',
  'acknowledgedBy',
];

function propertyNames(schema: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(schema)) schema.forEach((item) => propertyNames(item, found));
  else if (schema && typeof schema === 'object') {
    for (const [key, value] of Object.entries(schema)) {
      if (key === 'properties' && value && typeof value === 'object') Object.keys(value).forEach((name) => found.add(name));
      propertyNames(value, found);
    }
  }
  return found;
}

const envelope = (type: string, version: number, payload: unknown) => ({
  id: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
  type,
  version,
  source: 'pejling/goals',
  time: '2021-08-01T10:00:00.000Z',
  municipality: '147',
  payload,
});

describe('what public events carry about people', () => {
  const types = Object.keys(EVENT_TYPES) as EventType[];

  it.each(types.filter((type) => isPublicTopic(EVENT_TYPES[type].topic)))(
    '%s (current version) has no field for names, addresses or channel URLs',
    (type) => {
      const definition = EVENT_TYPES[type];
      const schema = (definition.versions as Record<number, z.ZodType>)[definition.current];
      const names = propertyNames(z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }));
      expect(PERSONAL.filter((name) => names.has(name))).toEqual([]);
    },
  );

  it('owner contacts travel on an internal topic only, and they do carry the channels', () => {
    expect(EVENT_TYPES['owner.contacts-changed'].topic).toBe(TOPICS.ownersInternal);
    expect(isPublicTopic(TOPICS.ownersInternal)).toBe(false);
    const names = propertyNames(z.toJSONSchema(EVENT_TYPES['owner.contacts-changed'].versions[1]));
    expect(names.has('channels')).toBe(true);
  });

  it('upcasts a v4 transition to owner ids, dropping names and channels', () => {
    const v4 = {
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
      benchmarks: { national: null, cluster: null, nationalBasis: null, clusterBasis: null },
      projection: null,
      explanation: { da: 'Ikke opfyldt.', en: 'Not met.' },
      transition: 'breach',
      severity: 'major',
      owners: [
        {
          id: '40000000-0000-4000-8000-000000000001',
          name: 'Team',
          channels: [{ type: 'slack', target: 'https://hooks.slack.com/services/T/B/secret' }],
          language: 'en',
          timeZone: 'UTC',
        },
        {
          id: null,
          name: 'Legacy',
          channels: [{ type: 'email', target: 'legacy@example.dk' }],
          language: 'da',
          timeZone: 'Europe/Copenhagen',
        },
      ],
      plan: null,
      focusArea: null,
      planGoalId: null,
      goalText: null,
      indicator: { labelDa: 'Sygedagpenge mv.', labelEn: 'Sickness benefit etc.', unit: 'percent' },
      trend: [],
      historical: false,
    };
    const parsed = parseEvent(envelope('goal.breached', 4, v4));
    expect(parsed).toMatchObject({ ok: true, event: { version: 4, payload: { ownerIds: ['40000000-0000-4000-8000-000000000001'] } } });
    expect(JSON.stringify(parsed)).not.toMatch(/secret|legacy@|"Team"/);

    const { transition: _t, historical: _h, ...base } = v4;
    const corrected = {
      ...base,
      corrects: { eventId: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed', kind: 'breach', state: 'breached', explanation: base.explanation },
      current: { period: '2021-08', state: 'met' },
    };
    const parsedCorrection = parseEvent(envelope('goal.corrected', 1, corrected));
    expect(parsedCorrection).toMatchObject({
      ok: true,
      event: { payload: { ownerIds: ['40000000-0000-4000-8000-000000000001'], current: { state: 'met' } } },
    });
    expect(JSON.stringify(parsedCorrection)).not.toMatch(/secret|legacy@|"Team"/);
    expect((parsedCorrection as { event: { payload: object } }).event.payload).not.toHaveProperty('transition');
  });

  it('upcasts v1 notification events without the names', () => {
    const failed = parseEvent(
      envelope('notification.delivery-failed', 1, {
        deliveryId: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
        channel: 'email',
        recipient: 'owner:x',
        recipientName: 'Jens Hansen',
        attempts: 6,
        reason: 'boom',
        goalIds: [],
        episodeIds: [],
      }),
    );
    expect(failed).toMatchObject({ ok: true, event: { payload: { recipient: 'owner:x' } } });
    expect(JSON.stringify(failed)).not.toContain('Jens');
    const acknowledged = parseEvent(
      envelope('notification.episode-acknowledged', 1, {
        episodeId: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
        goalId: '1b9d6bcd-bbfd-4b2d-9b5d-ab8dfbbd4bed',
        kind: 'breach',
        acknowledgedBy: 'jens@example.dk',
        note: 'on it',
        via: 'api',
        acknowledgedAt: '2021-08-01T10:00:00.000Z',
      }),
    );
    expect(acknowledged).toMatchObject({ ok: true, event: { payload: { recipient: null, note: 'on it' } } });
    expect(JSON.stringify(acknowledged)).not.toContain('jens@');
  });
});
