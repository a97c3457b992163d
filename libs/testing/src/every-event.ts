import { randomUUID } from 'node:crypto';
import { createEvent, EVENT_TYPES, EventEnvelope, EventType, physicalTopic, topicOf } from '@pejling/contracts';
import { testKafka } from './kafka-probe';
import { figureRecordedEvent, goalCorrectedEvent, goalTransitionEvent, indicatorComputedEvent, ownerContactsEvent } from './events';

/**
 * One event of every type in the registry, in its current version, as the services publish them
 * (same builders as the services' tests use). A type added to the registry without an example
 * here fails `everyEventType()`, so the CloudEvents test cannot silently skip it.
 */
export function everyEventType(): Record<EventType, EventEnvelope> {
  const breach = goalTransitionEvent({ type: 'goal.breached' });
  const {
    transition: _transition,
    severity: _severity,
    ownerIds: _ownerIds,
    plan: _plan,
    focusArea: _focusArea,
    planGoalId: _planGoalId,
    goalText: _goalText,
    indicator: _indicator,
    trend: _trend,
    historical: _historical,
    ...evaluation
  } = breach.payload as Record<string, unknown>;
  const pull = { pullId: randomUUID(), table: 'y07a02', periods: ['2021-07'] };
  const examples: Record<EventType, EventEnvelope> = {
    'figure.recorded': figureRecordedEvent('147', 'sygedagpenge', 1217),
    'figure.flagged': createEvent(
      'figure.flagged',
      {
        flagId: randomUUID(),
        check: 'group-total',
        source: 'csv',
        series: 'sygedagpenge-mv',
        municipality: '147',
        period: '2021-07',
        value: 1328,
        details: { total: 1328, sumOfParts: 1323 },
        message: { da: 'Delsummen 1.328 er ikke summen af delene (1.323).', en: 'The subtotal 1,328 is not the sum of its parts (1,323).' },
        batchId: randomUUID(),
      },
      { source: 'pejling/ingest', municipality: '147' },
    ),
    'pull.failed': createEvent(
      'pull.failed',
      { ...pull, attempt: 1, maxAttempts: 3, willRetry: true, error: 'HTTP 503 from the Jobindsats API' },
      { source: 'pejling/ingest', municipality: '000' },
    ),
    'pull.completed': createEvent(
      'pull.completed',
      { ...pull, importId: randomUUID(), rows: { total: 98, rejected: 0, created: 98, revised: 0, unchanged: 0 } },
      { source: 'pejling/ingest', municipality: '000' },
    ),
    'indicator.computed': indicatorComputedEvent(1.8793, '2021-07', { national: 2.1 }),
    'goal.evaluated': createEvent('goal.evaluated', evaluation as never, { source: 'pejling/goals', municipality: '147' }),
    'goal.breached': breach,
    'goal.recovered': goalTransitionEvent({ type: 'goal.recovered' }),
    'goal.at-risk': goalTransitionEvent({ type: 'goal.at-risk' }),
    'goal.stale': goalTransitionEvent({ type: 'goal.stale' }),
    'goal.corrected': goalCorrectedEvent(
      breach,
      {
        state: 'met',
        value: 1.75,
        explanation: { da: 'Andelen var 1,75 %: målet er opfyldt.', en: 'The share was 1.75 %: the goal is met.' },
      },
      { period: '2021-07', state: 'met' },
    ),
    'plan.clusters-declared': createEvent(
      'plan.clusters-declared',
      {
        planId: 'frederiksberg-2022',
        planVersion: 1,
        municipality: '147',
        effectiveFrom: '2022-01',
        clusters: [{ indicatorId: 'share.sygedagpenge-mv', members: ['157', '173', '230'], from: '2015-01' }],
        removed: [],
      },
      { source: 'pejling/goals', municipality: '147' },
    ),
    'notification.delivery-failed': createEvent(
      'notification.delivery-failed',
      {
        deliveryId: randomUUID(),
        channel: 'webhook',
        recipient: `owner:${randomUUID()}`,
        attempts: 5,
        reason: 'HTTP 500',
        goalIds: [randomUUID()],
        episodeIds: [randomUUID()],
      },
      { source: 'pejling/notifications', municipality: '147' },
    ),
    'notification.endpoint-disabled': createEvent(
      'notification.endpoint-disabled',
      {
        endpointKey: 'webhook:hooks.example',
        channel: 'webhook',
        endpoint: 'https://hooks.example',
        recipient: `owner:${randomUUID()}`,
        statusCode: 410,
        deliveryId: randomUUID(),
      },
      { source: 'pejling/notifications', municipality: '147' },
    ),
    'notification.episode-acknowledged': createEvent(
      'notification.episode-acknowledged',
      {
        episodeId: randomUUID(),
        goalId: randomUUID(),
        kind: 'breach',
        recipient: null,
        note: 'Vi kigger på det.',
        via: 'api',
        acknowledgedAt: new Date().toISOString(),
      },
      { source: 'pejling/notifications', municipality: '147' },
    ),
    'notification.subscription-disabled': createEvent(
      'notification.subscription-disabled',
      {
        subscriptionId: randomUUID(),
        description: 'BI',
        endpoint: 'https://bi.example',
        consecutiveFailures: 20,
        lastError: 'HTTP 500',
        disabledAt: new Date().toISOString(),
      },
      { source: 'pejling/notifications', municipality: '147' },
    ),
    'owner.contacts-changed': ownerContactsEvent({
      name: 'Sygedagpengeteamet',
      channels: [{ type: 'email', target: 'team@frederiksberg.example' }],
    }),
  };
  return examples;
}

/** Every topic an event type of the registry is published on (logical names). */
export function eventTopics(): string[] {
  return [...new Set(Object.keys(EVENT_TYPES).map((type) => topicOf(type as EventType)))];
}

/** Creates every event topic under the test world's prefix (3 partitions, as the services' topics). */
export async function createEventTopics(prefix: string): Promise<void> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    await admin
      .createTopics({
        waitForLeaders: true,
        topics: eventTopics().map((topic) => ({ topic: physicalTopic(topic, prefix), numPartitions: 3 })),
      })
      .catch(() => undefined);
  } finally {
    await admin.disconnect();
  }
}
