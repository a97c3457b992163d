import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { INestApplication } from '@nestjs/common';
import { verifyUserToken } from '@pejling/platform';
import { createTestWorld, TestSmtpServer, TestWorld, waitUntil } from '@pejling/testing';
import { AuditLogRepository } from './audit/audit-log.repository';
import { createConsole } from './console.app';
import { hashPassword } from './users/password-hash';
import { UsersRepository } from './users/users.repository';

const TOKEN_SECRET = 'console-limits-token-secret-0123456789abcdef';
const PASSWORD = 'console-limits-password-123';

/** A browser of one: keeps the console's cookies and reads each form's CSRF token. */
class Browser {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  async get(path: string): Promise<{ status: number; text: string; csrf?: string }> {
    const response = await fetch(`${this.baseUrl}${path}`, { headers: { cookie: this.cookieHeader() }, redirect: 'manual' });
    this.keep(response);
    const text = await response.text();
    return { status: response.status, text, csrf: /name="_csrf" value="([^"]+)"/.exec(text)?.[1] };
  }

  async post(path: string, fields: Record<string, string>): Promise<{ status: number; text: string; headers: Headers }> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method: 'POST',
      headers: { cookie: this.cookieHeader(), 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(fields).toString(),
      redirect: 'manual',
    });
    this.keep(response);
    return { status: response.status, text: await response.text(), headers: response.headers };
  }

  async signIn(email: string): Promise<void> {
    const form = await this.get('/sign-in');
    const signedIn = await this.post('/sign-in', { _csrf: form.csrf ?? '', email, password: PASSWORD });
    if (signedIn.status !== 303) throw new Error(`sign-in as ${email} answered ${signedIn.status}`);
  }

  private keep(response: Response): void {
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(';');
      const [name, ...value] = pair.split('=');
      this.cookies.set(name, value.join('='));
    }
  }

  private cookieHeader(): string {
    return [...this.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  }
}

async function startConsole(world: TestWorld, env: Record<string, string>): Promise<{ nest: INestApplication; url: string }> {
  const { nest } = await createConsole({
    ...world.env,
    CONSOLE_TOKEN_SECRET: TOKEN_SECRET,
    SESSION_SECRET: 'console-limits-session-secret-0123456789',
    COOKIE_SECURE: 'false',
    ...env,
  });
  await nest.listen(0, '127.0.0.1');
  return { nest, url: `http://127.0.0.1:${(nest.getHttpServer().address() as { port: number }).port}` };
}

async function addUser(nest: INestApplication, email: string, role: 'admin' | 'operator'): Promise<void> {
  await nest
    .get(UsersRepository)
    .insert({ email, name: email.split('@')[0], passwordHash: await hashPassword(PASSWORD), role, municipalities: ['*'] });
}

/** The console's signed-out forms, limited per client address (real PostgreSQL; the console in-process). */
describe('console: sign-in and password reset per client address', () => {
  const LIMIT = 3;
  let world: TestWorld;
  let consoleApp: { nest: INestApplication; url: string };

  beforeAll(async () => {
    world = await createTestWorld();
    consoleApp = await startConsole(world, { SIGN_IN_RATE_LIMIT_PER_MINUTE: String(LIMIT), SMTP_URL: 'smtp://127.0.0.1:1' });
  });

  afterAll(async () => {
    await consoleApp?.nest.close();
    await world?.cleanup();
  });

  it('answers 429 with Retry-After once an address has used its sign-ins and resets, whatever the account', async () => {
    const browser = new Browser(consoleApp.url);
    const csrf = (await browser.get('/sign-in')).csrf ?? '';
    // Sign-ins and reset requests share the count; unknown accounts count as much as known ones.
    expect((await browser.post('/sign-in', { _csrf: csrf, email: 'a@pejling.test', password: 'wrong-password' })).status).toBe(401);
    expect((await browser.post('/sign-in', { _csrf: csrf, email: 'b@pejling.test', password: 'wrong-password' })).status).toBe(401);
    expect((await browser.post('/password-reset', { _csrf: csrf, email: 'c@pejling.test' })).status).toBe(200);
    for (const [path, fields] of [
      ['/sign-in', { _csrf: csrf, email: 'd@pejling.test', password: 'wrong-password' }],
      ['/password-reset', { _csrf: csrf, email: 'e@pejling.test' }],
    ] as const) {
      const limited = await browser.post(path, fields);
      expect(limited.status).toBe(429);
      const retryAfter = Number(limited.headers.get('retry-after'));
      expect(retryAfter).toBeGreaterThanOrEqual(1);
      expect(retryAfter).toBeLessThanOrEqual(60);
      expect(limited.text).toContain(`Vent ${retryAfter} sekunder`);
    }
    // The pages that cost nothing stay open.
    expect((await browser.get('/sign-in')).status).toBe(200);
  });
});

/**
 * The notifications API as far as the alerts page reads it: one open episode, and the revocation
 * route, which records who called it (the console never reads the service's database).
 */
class FakeNotifications {
  readonly episodeId = '5e1f3c2a-0b7d-4c8e-9f10-2a3b4c5d6e7f';
  readonly revocations: { principal: string; role: string; body: unknown }[] = [];
  private readonly server = http.createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => void this.answer(request, response, body));
  });

  private async answer(request: http.IncomingMessage, response: http.ServerResponse, body: string): Promise<void> {
    const url = request.url ?? '';
    const json = (status: number, value: unknown) => {
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(value));
    };
    if (url === '/v1/episodes?status=open')
      return json(200, [
        { id: this.episodeId, goalId: null, kind: 'breach', status: 'open', municipality: '147', openedAt: new Date().toISOString() },
      ]);
    if (url.startsWith('/v1/episodes?') || url.startsWith('/v1/silences?')) return json(200, []);
    if (request.method !== 'POST' || url !== `/v1/episodes/${this.episodeId}/ack-links/revoke`)
      return json(404, { statusCode: 404, message: `no route ${request.method} ${url}` });
    const principal = await verifyUserToken((request.headers.authorization ?? '').replace(/^Bearer /, ''), TOKEN_SECRET);
    const input = JSON.parse(body || '{}') as { reason?: string };
    this.revocations.push({ principal: principal.email ?? principal.name, role: principal.role, body: input });
    json(200, {
      episodeId: this.episodeId,
      recipientKey: null,
      revokedAt: new Date().toISOString(),
      revokedBy: principal.email,
      reason: input.reason ?? null,
    });
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }
}

/** Revoking an episode's links from the alerts page (the button, the call as the user, the audit), and the reset emails per account. */
describe('console: link revocation from the alerts page, and reset emails per account (fake notifications API, real SMTP)', () => {
  let world: TestWorld;
  let consoleApp: { nest: INestApplication; url: string };
  const notifications = new FakeNotifications();
  const smtp = new TestSmtpServer();

  beforeAll(async () => {
    world = await createTestWorld();
    consoleApp = await startConsole(world, { NOTIFICATIONS_URL: await notifications.start(), SMTP_URL: await smtp.start() });
    await addUser(consoleApp.nest, 'admin@pejling.test', 'admin');
    await addUser(consoleApp.nest, 'operator@pejling.test', 'operator');
  });

  afterAll(async () => {
    await consoleApp?.nest.close();
    await notifications.stop();
    await smtp.stop();
    await world?.cleanup();
  });

  it('shows admins the button and revokes through the service as the admin, audited; operators get neither', async () => {
    const { episodeId } = notifications;
    const operator = new Browser(consoleApp.url);
    await operator.signIn('operator@pejling.test');
    const operatorPage = await operator.get('/alerts');
    expect(operatorPage.text).toContain(`data-episode-id="${episodeId}"`);
    expect(operatorPage.text).not.toContain('/revoke-links');
    expect((await operator.post(`/alerts/episodes/${episodeId}/revoke-links`, { _csrf: operatorPage.csrf ?? '' })).status).toBe(403);
    expect(notifications.revocations).toEqual([]);

    const admin = new Browser(consoleApp.url);
    await admin.signIn('admin@pejling.test');
    const page = await admin.get('/alerts');
    expect(page.text).toContain(`action="/alerts/episodes/${episodeId}/revoke-links"`);
    expect(page.text).toContain('Tilbagekald kvitteringslinks');
    const revoked = await admin.post(`/alerts/episodes/${episodeId}/revoke-links`, {
      _csrf: page.csrf ?? '',
      reason: 'Sendt videre til en forkert modtager',
    });
    expect(revoked.status).toBe(303);
    expect(revoked.headers.get('location')).toBe('/alerts?notice=links-revoked');
    expect((await admin.get('/alerts?notice=links-revoked')).text).toContain('Episodens kvitteringslinks er tilbagekaldt.');
    expect(notifications.revocations).toEqual([
      { principal: 'admin@pejling.test', role: 'admin', body: { reason: 'Sendt videre til en forkert modtager' } },
    ]);
    const audit = await consoleApp.nest.get(AuditLogRepository).search({ action: 'episode.ack-links-revoked', limit: 10 });
    expect(audit).toEqual([
      expect.objectContaining({
        actorEmail: 'admin@pejling.test',
        targetId: episodeId,
        details: expect.objectContaining({ reason: 'Sendt videre til en forkert modtager' }),
      }),
    ]);
  });

  it('sends one account at most three reset emails an hour; past that the page answers the same and nothing is sent', async () => {
    const browser = new Browser(consoleApp.url);
    const csrf = (await browser.get('/password-reset')).csrf ?? '';
    for (let i = 0; i < 5; i += 1) {
      const answered = await browser.post('/password-reset', { _csrf: csrf, email: 'operator@pejling.test' });
      expect(answered.status).toBe(200);
    }
    await waitUntil(() => smtp.messages.length >= 3, 10_000, 'three reset emails');
    const audit = consoleApp.nest.get(AuditLogRepository);
    expect(await audit.search({ action: 'password-reset.requested', limit: 10 })).toHaveLength(3);
    expect(await audit.search({ action: 'password-reset.throttled', limit: 10 })).toHaveLength(2);
    expect(smtp.messages).toHaveLength(3);
  });
});
