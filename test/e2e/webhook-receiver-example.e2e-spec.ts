import { ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import path from 'node:path';
import { TOPICS } from '@pejling/contracts';
import {
  apiClient,
  asMessage,
  createTestWorld,
  freePort,
  goalTransitionEvent,
  produceRaw,
  repoRoot,
  ServiceProcess,
  startServiceProcess,
  TestWorld,
  waitUntil,
} from '@pejling/testing';

/* eslint-disable @typescript-eslint/no-explicit-any -- the receiver prints arbitrary JSON lines */

/** examples/webhook-receiver/receiver.mjs as its own process; its stdout lines, parsed. */
class ReceiverProcess {
  readonly lines: any[] = [];
  private constructor(private readonly child: ChildProcessWithoutNullStreams) {
    let buffer = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffer += chunk.toString('utf8');
      let newline: number;
      while ((newline = buffer.indexOf('\n')) >= 0) {
        this.lines.push(JSON.parse(buffer.slice(0, newline)));
        buffer = buffer.slice(newline + 1);
      }
    });
  }

  static async start(secret: string, port: number): Promise<ReceiverProcess> {
    const child = spawn(process.execPath, [path.join(repoRoot(), 'examples/webhook-receiver/receiver.mjs')], {
      env: { ...process.env, WEBHOOK_SECRET: secret, PORT: String(port) },
      cwd: repoRoot(),
    });
    const receiver = new ReceiverProcess(child);
    await waitUntil(() => receiver.lines.some((line) => line.listening), 10_000, 'the receiver to listen');
    return receiver;
  }

  deliveries(): any[] {
    return this.lines.filter((line) => line.listening === undefined);
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      this.child.kill('SIGTERM');
    });
  }
}

/** The example receiver verifies real deliveries of a subscription, through a secret rotation. */
describe('examples/webhook-receiver against real subscription deliveries (notifications process, real Kafka)', () => {
  let world: TestWorld;
  let notifications: ServiceProcess;
  let integrator: ReturnType<typeof apiClient>;
  let receiver: ReceiverProcess | undefined;
  let port: number;

  beforeAll(async () => {
    port = await freePort();
    world = await createTestWorld({
      WEBHOOK_SIGNING_SECRET: 'example-receiver-signing-secret',
      ACK_LINK_SECRET: 'example-receiver-ack-secret',
      WEBHOOK_ALLOW_PRIVATE_TARGETS: 'true',
      DELIVERY_MAX_ATTEMPTS: '1',
    });
    notifications = await startServiceProcess('notifications', world.env);
    integrator = apiClient(notifications.baseUrl, await world.apiKey('integrator'));
  }, 120_000);

  afterAll(async () => {
    await receiver?.stop();
    await notifications?.stop();
    await world?.cleanup();
  }, 60_000);

  const breach = async () => {
    const event = goalTransitionEvent({ municipality: '147' });
    await produceRaw(TOPICS.goalTransitions, world.topicPrefix, [asMessage(event)]);
    return event;
  };

  it('verifies with the secret, with the old one during the overlap and the new one after; rejects a wrong secret', async () => {
    const created = await integrator.post('/v1/subscriptions', {
      url: `http://127.0.0.1:${port}/pejling`,
      eventTypes: ['goal.*'],
      description: 'Example receiver',
    });
    expect(created.status).toBe(201);
    const { id } = created.body.subscription;
    const first = created.body.secret as string;

    receiver = await ReceiverProcess.start(first, port);
    const one = await breach();
    await waitUntil(() => receiver!.deliveries().length >= 1, 30_000, 'the first delivery');
    expect(receiver.deliveries()[0]).toMatchObject({
      verified: true,
      id: one.id,
      type: 'goal.breached',
      source: 'pejling/goals',
      municipality: '147',
      dataschema: `http://127.0.0.1:3001/schemas/goal.breached/v${one.version}.json`,
      data: { goalId: (one.payload as { goalId: string }).goalId },
    });

    // Rotation with an overlap: the receiver still holding the old secret verifies.
    const rotated = (await integrator.post(`/v1/subscriptions/${id}/rotate-secret`, { overlapMinutes: 30 })).body.secret as string;
    const two = await breach();
    await waitUntil(() => receiver!.deliveries().length >= 2, 30_000, 'the delivery during the overlap');
    expect(receiver.deliveries()[1]).toMatchObject({ verified: true, id: two.id });
    await receiver.stop();

    // The receiver switched to the new secret: a replay of the overlap's event verifies with it alone.
    receiver = await ReceiverProcess.start(rotated, port);
    const replay = await integrator.post(`/v1/subscriptions/${id}/replay`, { since: two.time });
    expect(replay.body.replayed).toBe(1);
    await waitUntil(() => receiver!.deliveries().length >= 1, 30_000, 'the replay');
    expect(receiver.deliveries()[0]).toMatchObject({ verified: true, id: two.id, type: 'goal.breached' });
    await receiver.stop();

    // A receiver with a wrong secret rejects the delivery (401), and Pejling logs the failure.
    receiver = await ReceiverProcess.start(`whsec_${Buffer.alloc(32, 9).toString('base64')}`, port);
    const three = await breach();
    await waitUntil(() => receiver!.deliveries().length >= 1, 30_000, 'the rejected delivery');
    expect(receiver.deliveries()[0]).toMatchObject({ verified: false, reason: 'No matching signature found' });
    await waitUntil(
      async () => (await integrator.get(`/v1/subscriptions/${id}/deliveries?status=dead`)).body.length === 1,
      20_000,
      'logged as failed',
    );
    const [dead] = (await integrator.get(`/v1/subscriptions/${id}/deliveries?status=dead`)).body;
    expect(dead).toMatchObject({ eventId: three.id, attemptLog: [{ outcome: 'failure', statusCode: 401 }] });
  }, 180_000);
});
