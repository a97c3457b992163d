import { createServer, IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { verifyUserToken } from '@pejling/platform';
import { TEST_CONSOLE_TOKEN_SECRET } from '@pejling/testing';
import type { ConsoleEnv } from '../../../console.env';
import { ServiceUnavailable } from '../../../services/service-errors';
import type { ConsoleRequest, Viewer } from '../../../web/viewer';
import type { AdminAudit } from '../shared/admin-audit';
import { QueueBoardService } from './queue-boards';
import { QueueBoardProxy } from './queue-board-proxy';

const ADMIN: Viewer = {
  id: '6f1c2d8e-8a47-4c1b-9d0e-2b7f7a1c0d11',
  email: 'ada@pejling.test',
  name: 'Ada Admin',
  role: 'admin',
  municipalities: ['*'],
  ownerId: null,
  recipientId: null,
};

interface Received {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** The console's proxy to a service's Bull Board, against a stand-in service on this machine: what goes on, what comes back, what is audited. */
describe('queue board proxy (HTTP on this machine)', () => {
  let upstream: Server;
  let consoleApp: Server;
  let consoleUrl: string;
  const received: Received[] = [];
  const audited: unknown[][] = [];
  let viewer: Viewer = ADMIN;

  beforeAll(async () => {
    upstream = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        received.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
        if (request.url?.includes('/retry/')) return void response.writeHead(request.url.includes('deliveries') ? 200 : 403).end('{}');
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ queues: [] }));
      });
    });
    await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
    const env = {
      NOTIFICATIONS_URL: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`,
      // Nothing listens on port 1: the service is down.
      GOALS_URL: 'http://127.0.0.1:1',
      INGEST_URL: 'http://127.0.0.1:1',
      INDICATORS_URL: 'http://127.0.0.1:1',
      CONSOLE_TOKEN_SECRET: TEST_CONSOLE_TOKEN_SECRET,
      SERVICE_TIMEOUT_MS: 5000,
      COOKIE_SECURE: false,
    } as ConsoleEnv;
    const audit = { record: async (...args: unknown[]) => void audited.push(args) } as unknown as AdminAudit;
    const proxy = new QueueBoardProxy(env, audit);
    const app = express();
    app.use(express.json());
    // What the access guard and the cookie parser leave on a request of a signed-in admin.
    app.all('/admin/queues/:service/{*path}', (request, response) => {
      const consoleRequest = request as ConsoleRequest;
      consoleRequest.consoleSession = { tokenHash: 'hash', csrfToken: 'session-csrf-token' };
      (consoleRequest as ConsoleRequest & { cookies: Record<string, string> }).cookies = { pejling_lang: 'en' };
      proxy.forward(viewer, request.params.service as QueueBoardService, consoleRequest, response).catch((error: Error) => {
        response.status(599).json({ error: error.constructor.name, service: (error as ServiceUnavailable).service });
      });
    });
    consoleApp = app.listen(0, '127.0.0.1');
    await new Promise<void>((resolve) => consoleApp.once('listening', resolve));
    consoleUrl = `http://127.0.0.1:${(consoleApp.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise((resolve) => consoleApp?.close(resolve));
    await new Promise((resolve) => upstream?.close(resolve));
  });

  beforeEach(() => {
    received.length = 0;
    audited.length = 0;
    viewer = ADMIN;
  });

  it("sends a page request on under the service's path with the admin's user token and the console's prefix and language, without its cookies", async () => {
    const response = await fetch(`${consoleUrl}/admin/queues/notifications/queue/deliveries?status=failed`, {
      headers: {
        cookie: 'pejling_session=secret-session; pejling_lang=en',
        'x-csrf-token': 'session-csrf-token',
        'x-forwarded-prefix': '/evil',
      },
    });
    expect(response.status).toBe(200);
    const [request] = received;
    expect(request).toMatchObject({ method: 'GET', url: '/admin/queues/queue/deliveries?status=failed' });
    expect(request.headers).toMatchObject({ 'x-forwarded-prefix': '/admin/queues/notifications', 'accept-language': 'en' });
    expect(request.headers).not.toHaveProperty('cookie');
    expect(request.headers).not.toHaveProperty('x-csrf-token');
    const principal = await verifyUserToken(String(request.headers.authorization).replace('Bearer ', ''), TEST_CONSOLE_TOKEN_SECRET);
    expect(principal).toMatchObject({ kind: 'user', id: ADMIN.id, email: ADMIN.email, role: 'admin', municipalities: ['*'] });
    // The page gets the session's CSRF token for Bull Board's axios, and the policy that lets its <base href> and styles work.
    expect(response.headers.get('set-cookie')).toMatch(
      /^XSRF-TOKEN=session-csrf-token; Path=\/admin\/queues\/notifications; SameSite=Strict$/,
    );
    expect(response.headers.get('content-security-policy')).toContain("base-uri 'self'");
    expect(response.headers.get('content-security-policy')).toContain("script-src 'self';");
  });

  it('gives API and asset requests no cookie, and passes a body on as parsed', async () => {
    await fetch(`${consoleUrl}/admin/queues/notifications/api/queues?page=1`);
    const put = await fetch(`${consoleUrl}/admin/queues/notifications/api/queues/x/edit`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ a: 1 }),
    });
    expect(put.headers.get('set-cookie')).toBeNull();
    expect(received.map(({ method, url, body }) => ({ method, url, body }))).toEqual([
      { method: 'GET', url: '/admin/queues/api/queues?page=1', body: '' },
      { method: 'PUT', url: '/admin/queues/api/queues/x/edit', body: '{"a":1}' },
    ]);
  });

  it('audits a retry the service carried out, and not one it refused', async () => {
    expect((await fetch(`${consoleUrl}/admin/queues/notifications/api/queues/deliveries/retry/failed`, { method: 'PUT' })).status).toBe(
      200,
    );
    expect((await fetch(`${consoleUrl}/admin/queues/notifications/api/queues/other/retry/failed`, { method: 'PUT' })).status).toBe(403);
    await new Promise((resolve) => setImmediate(resolve));
    expect(audited).toEqual([
      [
        ADMIN,
        'queue.failed-jobs-retried',
        { type: 'queue', id: 'notifications/deliveries' },
        { service: 'notifications', queue: 'deliveries', jobId: null },
      ],
    ]);
  });

  it('turns a service that cannot be reached into ServiceUnavailable, and refuses a scoped admin before asking the service', async () => {
    expect(await (await fetch(`${consoleUrl}/admin/queues/goals/api/queues`)).json()).toEqual({
      error: 'ServiceUnavailable',
      service: 'goals',
    });
    viewer = { ...ADMIN, municipalities: ['147'] };
    expect(await (await fetch(`${consoleUrl}/admin/queues/notifications/api/queues`)).json()).toMatchObject({
      error: 'ForbiddenException',
    });
    expect(received).toEqual([]);
  });
});
