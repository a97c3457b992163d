/// <reference types="jest" />
import type { ServiceApp, ServiceEnv } from '@pejling/platform';
import { createTestWorld, RunningService, startService, TestWorld } from './test-env';
import { signUserToken, TEST_CONSOLE_TOKEN_SECRET } from './user-token';

const BOARD = '/admin/queues';

/**
 * The queue-board contract every service with Bull queues keeps, as one Jest suite against the real
 * service: an admin (API key or user token with every municipality) gets Bull Board's page, its
 * assets and its API listing exactly the service's queues with their counts, under the mount or
 * under the prefix a proxy names; everyone else is refused with a reason (401 or 403).
 */
export function describeQueueBoard<E extends ServiceEnv>(
  service: string,
  app: ServiceApp<E>,
  queues: readonly string[],
  env: Record<string, string> = {},
): void {
  describe(`${service}: queue board at ${BOARD} (real service, Redis and Bull)`, () => {
    let world: TestWorld;
    let running: RunningService;
    let adminKey: string;

    beforeAll(async () => {
      world = await createTestWorld({ CONSOLE_TOKEN_SECRET: TEST_CONSOLE_TOKEN_SECRET, ...env });
      running = await startService(app, world.env);
      adminKey = await world.apiKey('admin');
    });

    afterAll(async () => {
      await running?.close();
      await world?.cleanup();
    });

    const get = (path: string, headers: Record<string, string> = {}) => fetch(`${running.baseUrl}${BOARD}${path}`, { headers });

    it('serves the board page and its assets to an admin key, based under the mount', async () => {
      const page = await get('/', { authorization: `Bearer ${adminKey}` });
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain(`<base href="${BOARD}/"`);
      expect(html).toContain(`<title>Pejling ${service}</title>`);
      const script = /src="(static\/js\/main\.[^"]+\.js)"/.exec(html)?.[1];
      const asset = await get(`/${script}`, { authorization: `Bearer ${adminKey}` });
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(/javascript/);
    });

    it("serves it to an admin user's token under the prefix the console's proxy names, in the language asked for, with a link back", async () => {
      const token = await signUserToken({ role: 'admin', municipalities: ['*'] });
      const html = await (
        await get(`/queue/${queues[0]}`, {
          authorization: `Bearer ${token}`,
          'x-forwarded-prefix': `${BOARD}/${service}`,
          'accept-language': 'da,en;q=0.8',
        })
      ).text();
      expect(html).toContain(`<base href="${BOARD}/${service}/"`);
      expect(html).toContain('"lng":"da-DK"');
      expect(html).toContain(`"miscLinks":[{"text":"Tilbage til konsollen","url":"${BOARD}"}]`);
      // A prefix that is not a plain path is ignored.
      const odd = await (await get('/', { authorization: `Bearer ${token}`, 'x-forwarded-prefix': '/x/../"><script>' })).text();
      expect(odd).toContain(`<base href="${BOARD}/"`);
    });

    it("lists exactly the service's queues with their counts", async () => {
      const response = await get('/api/queues', { authorization: `Bearer ${adminKey}` });
      expect(response.status).toBe(200);
      const body = (await response.json()) as { queues: { name: string; counts: Record<string, number> }[] };
      expect(body.queues.map((queue) => queue.name).sort()).toEqual([...queues].sort());
      for (const queue of body.queues) {
        expect(queue.counts).toEqual(
          expect.objectContaining({ active: expect.any(Number), waiting: expect.any(Number), failed: expect.any(Number) }),
        );
      }
    });

    it('refuses everyone else with a reason: 401 without or with a bad credential, 403 for other roles and a scoped admin', async () => {
      const credentials: Record<string, string | undefined> = {
        none: undefined,
        forged: await signUserToken({ role: 'admin', municipalities: ['*'] }, 'another-secret-of-at-least-32-characters'),
        viewer: await signUserToken({ role: 'viewer', municipalities: ['*'] }),
        operator: await signUserToken({ role: 'operator', municipalities: ['*'] }),
        scopedAdmin: await signUserToken({ role: 'admin', municipalities: ['147'] }),
        integratorKey: await world.apiKey('integrator'),
        operatorKey: await world.apiKey('operator'),
        viewerKey: await world.apiKey('viewer'),
      };
      const answers: Record<string, number[]> = {};
      for (const [who, credential] of Object.entries(credentials)) {
        const headers: Record<string, string> = credential ? { authorization: `Bearer ${credential}` } : {};
        answers[who] = [];
        for (const [method, path] of [
          ['GET', '/'],
          ['GET', '/static/images/logo.svg'],
          ['GET', '/api/queues'],
          ['PUT', `/api/queues/${queues[0]}/retry/failed`],
        ]) {
          const response = await fetch(`${running.baseUrl}${BOARD}${path}`, { method, headers });
          const body = (await response.json()) as { message?: unknown };
          expect({ who, path, message: typeof body.message }).toEqual({ who, path, message: 'string' });
          answers[who].push(response.status);
        }
      }
      expect(answers).toEqual({
        none: [401, 401, 401, 401],
        forged: [401, 401, 401, 401],
        viewer: [403, 403, 403, 403],
        operator: [403, 403, 403, 403],
        scopedAdmin: [403, 403, 403, 403],
        integratorKey: [403, 403, 403, 403],
        operatorKey: [403, 403, 403, 403],
        viewerKey: [403, 403, 403, 403],
      });
    });
  });
}
