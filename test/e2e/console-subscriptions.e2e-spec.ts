import { Client } from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import { Webhook } from 'standardwebhooks';
import {
  checkPage,
  ConsoleSystem,
  goalTransitionEvent,
  launchBrowser,
  produceGoalEvents,
  signIn,
  startConsoleSystem,
  TestBrowser,
  waitUntil,
} from '@pejling/testing';

const ADMIN = { email: 'ada@pejling.test', name: 'Ada Admin', role: 'admin' as const, municipalities: '*', password: 'admin-password-123' };
const OPERATOR = {
  email: 'otto@frederiksberg.test',
  name: 'Otto Operatør',
  role: 'operator' as const,
  municipalities: '147',
  password: 'operator-password-123',
};
const GOAL = '30000000-0000-4000-8000-000000000001';

/**
 * Admin → Webhook subscriptions in real Chromium against the four real services, the broker,
 * PostgreSQL and Redis (one system start): a subscription to the test's webhook receiver, its
 * secret shown once, a real breach delivered and signed with it, a rotation and a disabling.
 */
describe('console webhook subscriptions (browser)', () => {
  let system: ConsoleSystem;
  let browser: TestBrowser;
  let context: BrowserContext;
  let page: Page;
  let hookUrl = '';
  let detailPath = '';
  let firstSecret = '';

  const url = (pathname: string) => `${system.consoleUrl}${pathname}`;
  const expectAccessible = async (name: string) => expect(await checkPage(page, name)).toEqual([]);

  beforeAll(async () => {
    system = await startConsoleSystem();
    hookUrl = `${system.receiverUrl}/integrator/hooks/5b1d-secret-path/c0de`;
    await system.createUser(ADMIN);
    await system.createUser(OPERATOR);
    browser = await launchBrowser();
    context = await browser.newContext();
    page = await context.newPage();
    await signIn(page, system.consoleUrl, ADMIN.email, ADMIN.password);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  }, 60_000);

  it('creates a subscription: field errors next to their fields, then the secret once, the URL masked on the list', async () => {
    await page.goto(url('/admin'));
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Webhook-abonnementer' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Webhook-abonnementer');
    await expect(page.getByText('Der er endnu ingen abonnementer').isVisible()).resolves.toBe(true);
    await expectAccessible('admin-subscriptions-empty');

    await page.getByLabel(/^URL/).fill(hookUrl);
    await page.getByRole('button', { name: 'Opret abonnement' }).click();
    await expect(page.locator('#error-eventTypes').textContent()).resolves.toContain('Vælg mindst én hændelsestype');
    // The service's 4xx, next to the field it names.
    await page.getByLabel('goal.*').check();
    await page.getByLabel(/^Beskrivelse/).fill('ab');
    await page.getByLabel(/^Kommuner/).fill('147, 9x');
    await page.getByRole('button', { name: 'Opret abonnement' }).click();
    await expect(page.locator('#error-description').textContent()).resolves.toContain('at least 3 characters');
    await expect(page.locator('#error-municipalities').textContent()).resolves.toContain('3-digit');
    await expect(page.getByLabel('goal.*').isChecked()).resolves.toBe(true);

    await page.getByLabel(/^Beskrivelse/).fill('Datavarehusets alarmfeed');
    await page.getByLabel(/^Kommuner/).fill('147');
    await page.getByLabel(/^Kontakt-e-mail/).fill('drift@datavarehus.test');
    await page.getByRole('button', { name: 'Opret abonnement' }).click();
    await page.getByRole('heading', { level: 1, name: 'Abonnement: Datavarehusets alarmfeed' }).waitFor();
    firstSecret = await page.getByLabel('Hemmeligheden til signaturerne').inputValue();
    expect(firstSecret).toMatch(/^whsec_/);
    await expect(page.locator('#copy-hint').textContent()).resolves.toContain('Den vises ikke igen');
    expect(await page.content()).not.toContain('5b1d-secret-path');
    await expectAccessible('admin-subscription-created');
    // The answer to the post: no redirect, so the secret is in no URL.
    expect(new URL(page.url()).pathname).toBe('/admin/subscriptions');

    await page.goto(url('/admin/subscriptions'));
    const row = page.getByRole('row', { name: /Datavarehusets alarmfeed/ });
    await expect(row.textContent()).resolves.toContain(`http://127.0.0.1:${new URL(system.receiverUrl).port}/…c0de`);
    await expect(row.textContent()).resolves.toMatch(/goal\.\*.*147.*Aktiv/s);
    const html = await page.content();
    expect(html).not.toContain(firstSecret);
    expect(html).not.toContain('5b1d-secret-path');
    await expectAccessible('admin-subscriptions');
    await row.getByRole('link', { name: /Åbn/ }).click();
    detailPath = new URL(page.url()).pathname;
    expect(detailPath).toMatch(/^\/admin\/subscriptions\/[0-9a-f-]{36}$/);
    await expect(page.getByLabel('Hemmeligheden til signaturerne').count()).resolves.toBe(0);
    await expect(page.getByText('Der er endnu ingen leverancer').isVisible()).resolves.toBe(true);
  });

  it('shows a real breach in the delivery log as delivered, signed with the secret', async () => {
    await produceGoalEvents(system.world.topicPrefix, [goalTransitionEvent({ goalId: GOAL, municipality: '147' })]);
    await waitUntil(
      () => system.receiver.requests.some((request) => request.path.startsWith('/integrator/')),
      60_000,
      'the subscription delivery',
    );
    const received = system.receiver.requests.find((request) => request.path.startsWith('/integrator/'))!;
    const headers = {
      'webhook-id': String(received.headers['webhook-id']),
      'webhook-timestamp': String(received.headers['webhook-timestamp']),
      'webhook-signature': String(received.headers['webhook-signature']),
    };
    expect(new Webhook(firstSecret).verify(received.rawBody, headers)).toBeTruthy();

    const delivered = page.locator('tr[data-status="delivered"]');
    await waitUntil(
      async () => {
        await page.goto(url(detailPath));
        return (await delivered.count()) > 0;
      },
      60_000,
      'the delivery shown as delivered',
    );
    const log = page.getByRole('table', { name: 'Leverancer, nyeste først' });
    await expect(log.getByRole('row').nth(1).textContent()).resolves.toMatch(/Leveret.*goal\.breached/s);
    await log.locator('summary').first().click();
    await expect(log.getByRole('table', { name: 'Forsøg (1)' }).textContent()).resolves.toMatch(/success\s*204/);
    await expectAccessible('admin-subscription');
  });

  it('rotates the secret with an overlap (the new one shown once), replays since a date and disables', async () => {
    await page.getByLabel('Overlap i minutter').fill('-5');
    await page.getByRole('button', { name: 'Skift hemmelighed' }).click();
    await expect(page.locator('#error-overlapMinutes').textContent()).resolves.toContain('helt antal minutter');
    await page.getByLabel('Overlap i minutter').fill('99999');
    await page.getByRole('button', { name: 'Skift hemmelighed' }).click();
    await expect(page.locator('#error-overlapMinutes').textContent()).resolves.toContain('10080');

    await page.getByLabel('Overlap i minutter').fill('30');
    await page.getByRole('button', { name: 'Skift hemmelighed' }).click();
    const secret = await page.getByLabel('Hemmeligheden til signaturerne').inputValue();
    expect(secret).toMatch(/^whsec_/);
    expect(secret).not.toBe(firstSecret);
    await expect(page.locator('#secret-once').textContent()).resolves.toContain('Den gamle hemmelighed signerer også indtil');
    await expectAccessible('admin-subscription-rotated');
    await page.goto(url(detailPath));
    await expect(page.getByLabel('Hemmeligheden til signaturerne').count()).resolves.toBe(0);
    expect(await page.content()).not.toContain(secret);

    await page.getByLabel(/^Send alt igen siden/).fill(new Date().toISOString().slice(0, 10));
    await page.getByRole('button', { name: 'Send igen' }).click();
    await expect(page.getByRole('status').first().textContent()).resolves.toMatch(/\d+ hændelser sendes igen/);

    await page.getByRole('button', { name: 'Deaktivér' }).click();
    await page.waitForURL(/notice=disabled$/);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Abonnementet er deaktiveret');
    await expect(page.locator('#subscription-state').textContent()).resolves.toBe('Deaktiveret');
    await page.goto(url('/admin/subscriptions'));
    await expect(page.getByRole('row', { name: /Datavarehusets alarmfeed/ }).textContent()).resolves.toContain('Deaktiveret');
  });

  it('deletes after a confirmation, and the audit log has every change without secrets or full URLs', async () => {
    await page.goto(url(detailPath));
    await page.getByRole('link', { name: /^Slet/ }).click();
    await expect(page.getByRole('status').first().textContent()).resolves.toContain(
      'Vil du slette abonnementet “Datavarehusets alarmfeed”',
    );
    await page.getByRole('button', { name: 'Ja, slet abonnementet' }).click();
    await page.waitForURL(/notice=deleted$/);
    await expect(page.getByText('Der er endnu ingen abonnementer').isVisible()).resolves.toBe(true);

    const db = new Client({ connectionString: system.world.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(
        `SELECT action, target_type, target_id, details::text AS details FROM console.audit_log WHERE action LIKE 'subscription.%' ORDER BY id`,
      );
      expect(rows.map((row) => row.action)).toEqual([
        'subscription.created',
        'subscription.secret-rotated',
        'subscription.replayed',
        'subscription.disabled',
        'subscription.deleted',
      ]);
      expect(rows.every((row) => row.target_type === 'subscription' && detailPath.endsWith(row.target_id))).toBe(true);
      const details = rows.map((row) => row.details).join('\n');
      expect(details).not.toMatch(/whsec_|secret-path/);
      expect(details).toContain('…c0de');
    } finally {
      await db.end();
    }
  });

  it('gives an operator no subscriptions page', async () => {
    const operatorContext = await browser.newContext();
    const operator = await operatorContext.newPage();
    try {
      await signIn(operator, system.consoleUrl, OPERATOR.email, OPERATOR.password);
      const response = await operator.goto(url('/admin/subscriptions'));
      expect(response?.status()).toBe(403);
      const token = await operator.locator('meta[name="csrf-token"]').getAttribute('content');
      const post = await operator.request.post(url('/admin/subscriptions'), {
        form: { _csrf: token ?? '', url: hookUrl, eventTypes: '*', description: 'sneaky' },
        maxRedirects: 0,
      });
      expect(post.status()).toBe(403);
    } finally {
      await operatorContext.close();
    }
  });
});
