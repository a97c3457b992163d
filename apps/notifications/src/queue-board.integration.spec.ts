import { getQueueToken } from '@nestjs/bull';
import type { Queue } from 'bull';
import { apiClient, createTestWorld, describeQueueBoard, RunningService, startService, TestWorld, waitUntil } from '@pejling/testing';
import { DELIVERY_QUEUE } from './delivery/delivery.queue';
import { notificationsApp } from './notifications.app';
import { SCHEDULED_QUEUE } from './scheduling/scheduled-jobs';
import { SUBSCRIPTION_QUEUE } from './subscriptions/subscription-delivery.queue';

const BOARD = '/admin/queues';
const ENV = {
  WEBHOOK_SIGNING_SECRET: 'queue-board-signing-secret',
  ACK_LINK_SECRET: 'queue-board-ack-link-secret',
  SMTP_URL: 'smtp://127.0.0.1:1',
};

describeQueueBoard('notifications', notificationsApp, [DELIVERY_QUEUE, SUBSCRIPTION_QUEUE, SCHEDULED_QUEUE], ENV);

/** What the board may change on the real notifications service: it retries failed jobs, and nothing else. */
describe('notifications queue board: retries, refusals and scrubbing (real service, Redis and Bull)', () => {
  let world: TestWorld;
  let service: RunningService;
  let scheduled: Queue;
  let admin: ReturnType<typeof apiClient>;
  let failedJobId: string;

  beforeAll(async () => {
    world = await createTestWorld(ENV);
    service = await startService(notificationsApp, world.env);
    admin = apiClient(service.baseUrl, await world.apiKey('admin'));
    scheduled = service.nest.get<Queue>(getQueueToken(SCHEDULED_QUEUE), { strict: false });
    // A job nothing here processes fails at once ("Missing process handler"); its data names a channel target, as an error may.
    const job = await scheduled.add(
      'board-check',
      { contact: 'ada@kommune.example', hook: 'https://hooks.slack.com/services/T000/B000/s3cr3t-path' },
      { attempts: 1 },
    );
    await waitUntil(async () => (await job.getState()) === 'failed', 20_000, 'the job to fail');
    failedJobId = String(job.id);
  });

  afterAll(async () => {
    await service?.close();
    await world?.cleanup();
  });

  it('shows the failed job with its reason, its data scrubbed of the address and the URL', async () => {
    const { status, body } = await admin.get(`${BOARD}/api/queues?activeQueue=${SCHEDULED_QUEUE}&status=failed&page=1&jobsPerPage=10`);
    expect(status).toBe(200);
    const queue = (body.queues as { name: string; counts: Record<string, number>; jobs: { id: string }[] }[]).find(
      (candidate) => candidate.name === SCHEDULED_QUEUE,
    )!;
    expect(queue.counts).toMatchObject({ failed: 1 });
    expect(queue.jobs.find((job) => job.id === failedJobId)).toMatchObject({
      failedReason: expect.stringContaining('Missing process handler'),
      data: { contact: '…mple', hook: 'https://hooks.slack.com/…' },
    });
    expect(JSON.stringify(body)).not.toMatch(/s3cr3t-path|ada@kommune/);
    const detail = await admin.get(`${BOARD}/api/queues/${SCHEDULED_QUEUE}/${failedJobId}`);
    expect(detail.body.job).toMatchObject({ id: failedJobId, data: { contact: '…mple' } });
  });

  it('refuses to remove, clean, empty, promote, pause, add or edit, and changes nothing', async () => {
    for (const [method, path] of [
      ['PUT', `/api/queues/${SCHEDULED_QUEUE}/${failedJobId}/clean`],
      ['PUT', `/api/queues/${SCHEDULED_QUEUE}/clean/failed`],
      ['PUT', `/api/queues/${SCHEDULED_QUEUE}/empty`],
      ['PUT', `/api/queues/${SCHEDULED_QUEUE}/obliterate`],
      ['PUT', `/api/queues/${SCHEDULED_QUEUE}/promote`],
      ['PUT', `/api/queues/${SCHEDULED_QUEUE}/pause`],
      ['PUT', '/api/queues/pause'],
      ['PUT', `/api/queues/${SCHEDULED_QUEUE}/retry/completed`],
      ['POST', `/api/queues/${SCHEDULED_QUEUE}/add`],
      ['PATCH', `/api/queues/${SCHEDULED_QUEUE}/${failedJobId}/update-data`],
    ] as const) {
      const response = await fetch(`${service.baseUrl}${BOARD}${path}`, {
        method,
        headers: { authorization: `Bearer ${await world.apiKey('admin')}`, 'content-type': 'application/json' },
        body: method === 'PUT' ? undefined : JSON.stringify({ name: 'x', data: {} }),
      });
      expect({ path, status: response.status, body: await response.json() }).toMatchObject({
        path,
        status: 403,
        body: { message: expect.stringContaining('only retries failed jobs') },
      });
    }
    expect(await scheduled.getJobCounts()).toMatchObject({ failed: 1, waiting: 0 });
    expect(await scheduled.getJob(failedJobId)).toBeTruthy();
    expect(await scheduled.isPaused()).toBe(false);
  });

  it('retries the failed job, and every failed job of a queue: each runs again', async () => {
    expect((await admin.put(`${BOARD}/api/queues/${SCHEDULED_QUEUE}/${failedJobId}/retry`, undefined)).status).toBe(204);
    // Back on the queue, taken by the worker and failed anew: still nothing processes a job of that name.
    const attempts = async () => (await scheduled.getJob(failedJobId))?.attemptsMade ?? 0;
    await waitUntil(async () => (await attempts()) === 2, 20_000, 'the retried job to have run again');
    await waitUntil(async () => (await scheduled.getJob(failedJobId))?.isFailed() ?? false, 20_000, 'the job to fail again');
    expect((await admin.put(`${BOARD}/api/queues/${SCHEDULED_QUEUE}/retry/failed`, undefined)).status).toBe(200);
    await waitUntil(async () => (await attempts()) === 3, 20_000, 'the retry of every failed job');
  });
});
