import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import type { BrowserContext, Page } from 'playwright-core';
import {
  checkPage,
  ConsoleSystem,
  goalTransitionEvent,
  launchBrowser,
  produceGoalEvents,
  repoRoot,
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
const DEAD_GOAL = '20000000-0000-4000-8000-000000000001';

const planText = readFileSync(path.join(repoRoot(), 'plans/koebenhavn-2022.yaml'), 'utf8');
const planLines = planText.split('\n');
const severityLine = planLines.findIndex((line) => line.includes('id: KBH-1'));
const brokenPlan = planLines.map((line, i) => (i === severityLine ? line.replace('severity: minor', 'severity: urgent') : line)).join('\n');
const revisedPlan = planText.replace(/^title: (.*)$/m, 'title: $1 (revideret)');

/**
 * Page 5, Admin, in real Chromium against the four real services, the broker, PostgreSQL, Redis and
 * SMTP (one system start for the file). A webhook receiver that answers 500 makes a dead delivery
 * (DELIVERY_MAX_ATTEMPTS=2) and one that answers 410 a disabled endpoint.
 */
describe('console admin pages (browser)', () => {
  let system: ConsoleSystem;
  let browser: TestBrowser;
  let context: BrowserContext;
  let page: Page;
  let adminKey: string;
  let deadDeliveryId = '';

  const url = (pathname: string) => `${system.consoleUrl}${pathname}`;
  const api = async (service: keyof ConsoleSystem['urls'], pathname: string, key = adminKey) => {
    const response = await fetch(`${system.urls[service]}${pathname}`, { headers: { authorization: `Bearer ${key}` } });
    return { status: response.status, body: (await response.json().catch(() => undefined)) as unknown };
  };
  const expectAccessible = async (name: string) => expect(await checkPage(page, name)).toEqual([]);

  beforeAll(async () => {
    system = await startConsoleSystem({ DELIVERY_MAX_ATTEMPTS: '2', DELIVERY_BACKOFF_MS: '50' });
    // The receiver behind /dead is down until the retry test; /gone answers 410 Gone (the endpoint is disabled).
    system.receiver.status = (request) => (request.path.startsWith('/dead') ? 500 : request.path.startsWith('/gone') ? 410 : 204);
    await system.createUser(ADMIN);
    await system.createUser(OPERATOR);
    adminKey = await system.world.apiKey('admin');
    // The owner's contacts go out on the internal owners topic first, as the goals service publishes them.
    await produceGoalEvents(system.world.topicPrefix, [
      goalTransitionEvent({
        goalId: DEAD_GOAL,
        municipality: '147',
        owners: [
          {
            name: 'Frederiksbergs vagt',
            channels: [
              { type: 'webhook', target: `${system.receiverUrl}/dead/hook-0001` },
              { type: 'webhook', target: `${system.receiverUrl}/gone/hook-0002` },
            ],
          },
        ],
      }),
    ]);
    browser = await launchBrowser();
    context = await browser.newContext();
    page = await context.newPage();
    await signIn(page, system.consoleUrl, ADMIN.email, ADMIN.password);
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  }, 60_000);

  it('shows a plan error by line, column and field next to the editor, for a pasted and an uploaded file', async () => {
    await page.goto(url('/admin'));
    await expectAccessible('admin');
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Planer' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Planer');
    await expect(page.getByText('Der er endnu ingen planer').isVisible()).resolves.toBe(true);

    await page.getByLabel('Planens YAML').fill(brokenPlan);
    // Keyboard: Tab leaves the editor for the month field, and on to the buttons; Enter checks.
    await page.keyboard.press('Tab');
    await expect(page.locator('#field-effectiveFrom').evaluate((element) => element === element.ownerDocument.activeElement)).resolves.toBe(
      true,
    );
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    const problem = page.locator('#error-yaml li').first();
    await problem.waitFor();
    const column = brokenPlan.split('\n')[severityLine].indexOf('urgent') + 1;
    await expect(problem.textContent()).resolves.toContain(`Linje ${severityLine + 1}, kolonne ${column}`);
    await expect(problem.textContent()).resolves.toContain('focusAreas.0.goals.0.severity');
    await expect(page.locator('#field-yaml').getAttribute('aria-invalid')).resolves.toBe('true');
    await expectAccessible('admin-plan-errors');

    await page.setInputFiles('#field-file', {
      name: 'koebenhavn-2022.yaml',
      mimeType: 'application/yaml',
      buffer: Buffer.from(brokenPlan.replace("municipality: '101'", "municipality: '999'")),
    });
    await page.getByRole('button', { name: 'Indlæs og tjek fil' }).click();
    await page.getByRole('heading', { name: 'Ny plan: koebenhavn-2022.yaml' }).waitFor();
    const uploaded = await page.locator('#error-yaml').textContent();
    expect(uploaded).toContain(`Linje ${severityLine + 1}, kolonne ${column}`);
    expect(uploaded).toMatch(/Linje 4, kolonne \d+, felt municipality/);
  });

  it('saves the fixed plan, and a second version shows its effective month and a diff', async () => {
    await page.locator('#field-yaml').fill(planText);
    await Promise.all([
      page.waitForURL(/\/admin\/plans\/koebenhavn-2022\?saved=1$/),
      page.getByRole('button', { name: 'Gem plan' }).click(),
    ]);
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Planen er gemt som version 1');
    await expect(page.getByText('Planen har kun én version endnu').isVisible()).resolves.toBe(true);

    await page.goto(url('/admin/plans/koebenhavn-2022/edit'));
    await expect(page.locator('#field-yaml').inputValue()).resolves.toContain('id: koebenhavn-2022');
    await page.locator('#field-yaml').fill(revisedPlan);
    await page.getByLabel('Gælder fra måned (valgfri)').fill('2022-06');
    await Promise.all([page.waitForURL(/saved=2$/), page.getByRole('button', { name: 'Gem plan' }).click()]);
    const versions = page.getByRole('table', { name: 'Planens versioner, ældste først' });
    await expect(versions.getByRole('row').nth(2).textContent()).resolves.toMatch(/2\s*juni 2022\s*ada@pejling\.test/);
    const diff = page.getByRole('table', { name: /Version 1 → 2: 1 linjer tilføjet, 1 fjernet/ });
    await expect(diff.locator('tr.added').textContent()).resolves.toMatch(/Tilføjet.*title: Beskæftigelsesplan 2022 \(revideret\)/s);
    await expect(diff.locator('tr.removed').textContent()).resolves.toMatch(/Fjernet.*title: Beskæftigelsesplan 2022/s);
    await expectAccessible('admin-plan-versions');

    await page.goto(url('/admin/plans'));
    await expect(page.getByRole('table', { name: 'Planer' }).textContent()).resolves.toContain('Beskæftigelsesplan 2022 (revideret)');
    await expectAccessible('admin-plans');
  });

  it('creates a recipient with a Teams URL shown masked, never in full in the HTML, and keeps it on edit', async () => {
    const teamsUrl = `${system.receiverUrl}/teams/webhookb2/7c1e-secret-path/IncomingWebhook/f3a9`;
    await page.goto(url('/admin/recipients'));
    await expect(page.getByText('Der er endnu ingen modtagere').isVisible()).resolves.toBe(true);
    await page.getByRole('button', { name: 'Opret modtager' }).click();
    await expect(page.locator('#error-name').textContent()).resolves.toContain('Skriv et navn');
    await page.getByLabel(/^Navn/).fill('Jobcenterets driftsteam');
    await page.getByLabel('Teams-URL').fill('ikke en url');
    await page.getByRole('button', { name: 'Opret modtager' }).click();
    await expect(page.locator('#error-teamsWebhookUrl').textContent()).resolves.toContain('Skriv en fuld URL');
    await page.getByLabel('Teams-URL').fill('https://bruger:kode@contoso.webhook.office.com/hook');
    await page.getByRole('button', { name: 'Opret modtager' }).click();
    // The service's 4xx, next to the field it names.
    await expect(page.locator('#error-teamsWebhookUrl').textContent()).resolves.toContain('must not contain credentials');
    expect(await page.content()).not.toContain('bruger:kode');
    await page.getByLabel('Teams-URL').fill(teamsUrl);
    await page.getByRole('button', { name: 'Opret modtager' }).click();
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Oprettet');
    const row = page.getByRole('row', { name: /Jobcenterets driftsteam/ });
    const masked = `http://127.0.0.1:${new URL(system.receiverUrl).port}/…f3a9`;
    await expect(row.textContent()).resolves.toContain(masked);
    const html = await page.content();
    expect(html).not.toContain(teamsUrl);
    expect(html).not.toContain('secret-path');
    await expectAccessible('admin-recipients');

    await row.getByRole('link', { name: /Rediger/ }).click();
    expect(await page.content()).not.toContain('secret-path');
    await expect(page.locator('#hint-teamsWebhookUrl').textContent()).resolves.toContain(masked);
    await expectAccessible('admin-recipient-edit');
    await page.getByLabel(/^E-mail/).fill('drift@jobcenter.test');
    await page.getByRole('button', { name: 'Gem' }).click();
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Ændringerne er gemt');
    const stored = (await api('notifications', '/v1/recipients')).body as { name: string; email: string; teamsWebhookUrl: string }[];
    expect(stored).toEqual([
      expect.objectContaining({ name: 'Jobcenterets driftsteam', email: 'drift@jobcenter.test', teamsWebhookUrl: teamsUrl }),
    ]);
  });

  it('creates and edits an owner with a masked Slack URL', async () => {
    const slackUrl = 'https://hooks.slack.com/services/T0000/B0000/owner-secret-9d2c';
    await page.goto(url('/admin/owners'));
    await page.getByLabel(/^Navn/).fill('Arbejdsmarkedsudvalget');
    await page.getByLabel('Slack-URL').fill(slackUrl);
    await page.getByRole('button', { name: 'Opret ansvarlig' }).click();
    const row = page.getByRole('row', { name: /Arbejdsmarkedsudvalget/ });
    await expect(row.textContent()).resolves.toContain('https://hooks.slack.com/…9d2c');
    expect(await page.content()).not.toContain('owner-secret');
    await expectAccessible('admin-owners');
    await row.getByRole('link', { name: /Rediger/ }).click();
    expect(await page.content()).not.toContain('owner-secret');
    await expectAccessible('admin-owner-edit');
    await page.getByLabel('Sprog').selectOption('en');
    await page.getByRole('button', { name: 'Gem' }).click();
    await expect(page.getByRole('row', { name: /Arbejdsmarkedsudvalget/ }).textContent()).resolves.toContain('Engelsk');
    const owners = (await api('goals', '/v1/owners')).body as { name: string; slackWebhookUrl: string; language: string }[];
    expect(owners.find((owner) => owner.name === 'Arbejdsmarkedsudvalget')).toMatchObject({ slackWebhookUrl: slackUrl, language: 'en' });
  });

  it('creates, edits and deletes a routing rule', async () => {
    await page.goto(url('/admin/routing'));
    await expect(page.getByText('Der er endnu ingen routingregler').isVisible()).resolves.toBe(true);
    await page.getByLabel(/^Navn/).fill('Frederiksbergs brud');
    await page.getByLabel(/^Kommune/).fill('14');
    await page.getByRole('checkbox', { name: 'Jobcenterets driftsteam' }).check();
    await page.getByRole('button', { name: 'Opret regel' }).click();
    await expect(page.locator('#error-municipality').textContent()).resolves.toContain('3-digit municipality code');
    await page.getByLabel(/^Kommune/).fill('147');
    await page.getByRole('checkbox', { name: 'Kritisk' }).check();
    await page.getByRole('checkbox', { name: 'Brud' }).check();
    await page.getByRole('button', { name: 'Opret regel' }).click();
    const row = page.getByRole('row', { name: /Frederiksbergs brud/ });
    await expect(row.textContent()).resolves.toMatch(/Kommune: Frederiksberg.*Kritisk.*Brud.*Jobcenterets driftsteam.*Ja/s);
    await expectAccessible('admin-routing');
    await row.getByRole('link', { name: /Rediger/ }).click();
    await expect(page.getByRole('checkbox', { name: 'Jobcenterets driftsteam' }).isChecked()).resolves.toBe(true);
    await expectAccessible('admin-routing-edit');
    await page.getByLabel('Reglen er aktiv').uncheck();
    await page.getByRole('button', { name: 'Gem' }).click();
    await expect(page.getByRole('row', { name: /Frederiksbergs brud/ }).textContent()).resolves.toMatch(/Nej/);
    await page
      .getByRole('row', { name: /Frederiksbergs brud/ })
      .getByRole('link', { name: /Slet/ })
      .click();
    await expectAccessible('admin-routing-delete');
    await page.getByRole('button', { name: 'Ja, slet reglen' }).click();
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Reglen er slettet');
    expect((await api('notifications', '/v1/routing-rules')).body).toEqual([]);
  });

  it('creates an API key shown once that works against a service, and fails after it is revoked', async () => {
    await page.goto(url('/admin/api-keys'));
    await page.getByLabel(/^Navn/).fill('Test-integration');
    await page.getByLabel('Rolle').selectOption('integrator');
    await page.getByRole('button', { name: 'Opret nøgle' }).click();
    const key = await page.getByLabel('Den nye API-nøgle').inputValue();
    expect(key).toMatch(/^pjl_/);
    await expect(page.locator('#copy-hint').textContent()).resolves.toContain('vises ikke igen');
    await expectAccessible('admin-api-keys');
    expect((await api('goals', '/v1/plans', key)).status).toBe(200);
    await page.goto(url('/admin/api-keys'));
    expect(await page.content()).not.toContain(key);
    await page
      .getByRole('row', { name: /Test-integration/ })
      .getByRole('link', { name: /Tilbagekald/ })
      .click();
    await expect(page.getByRole('status').textContent()).resolves.toContain('Vil du tilbagekalde nøglen “Test-integration”');
    await expectAccessible('admin-api-key-revoke');
    await page.getByRole('button', { name: 'Ja, tilbagekald nøglen' }).click();
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Nøglen er tilbagekaldt');
    await expect(page.getByRole('row', { name: /Test-integration/ }).textContent()).resolves.toContain('Tilbagekaldt');
    expect((await api('goals', '/v1/plans', key)).status).toBe(401);
  });

  it('retries a dead delivery from the delivery log, and it is then delivered', async () => {
    await waitUntil(
      async () => {
        const deliveries = (await api('notifications', `/v1/deliveries?goal=${DEAD_GOAL}&status=dead`)).body as {
          id: string;
          target: string;
        }[];
        deadDeliveryId = deliveries.find((delivery) => delivery.target.includes('/dead/'))?.id ?? '';
        return deliveries.length === 2;
      },
      60_000,
      'the dead and the gone delivery',
    );
    await page.goto(url('/admin/deliveries?status=dead'));
    const row = page.locator(`tr[data-delivery-id="${deadDeliveryId}"]`);
    await expect(row.getAttribute('data-status')).resolves.toBe('dead');
    await expect(row.textContent()).resolves.toContain('Død');
    expect(await page.content()).not.toContain('hook-0001');
    await row.locator('summary', { hasText: 'Forsøgslog (2)' }).click();
    await expectAccessible('admin-deliveries');

    system.receiver.status = (request) => (request.path.startsWith('/gone') ? 410 : 204);
    await row.getByRole('button', { name: /Send igen/ }).click();
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Leverancen er sat i kø igen');
    await waitUntil(
      async () => {
        await page.goto(url(`/admin/deliveries?goal=${DEAD_GOAL}&channel=webhook`));
        return (await page.locator(`tr[data-delivery-id="${deadDeliveryId}"]`).getAttribute('data-status')) === 'delivered';
      },
      30_000,
      'the retried delivery to arrive',
    );
    await expect(page.locator(`tr[data-delivery-id="${deadDeliveryId}"] summary`).textContent()).resolves.toBe('Forsøgslog (3)');
    // Two failed attempts and the retried one reached the receiver, all with the same delivery id.
    const sent = system.receiver.requests.filter((request) => request.headers['pejling-delivery-id'] === deadDeliveryId);
    expect(sent.map((request) => request.path)).toEqual(['/dead/hook-0001', '/dead/hook-0001', '/dead/hook-0001']);
  });

  it('lists the endpoint disabled after a 410 and enables it again', async () => {
    await page.goto(url('/admin/endpoints'));
    const row = page.getByRole('row', { name: /\/…0002/ });
    await expect(row.textContent()).resolves.toContain('410');
    expect(await page.content()).not.toContain('hook-0002');
    await expectAccessible('admin-endpoints');
    await row.getByRole('button', { name: /Aktivér igen/ }).click();
    await expect(page.getByRole('status').first().textContent()).resolves.toContain('Endepunktet er aktiveret igen');
    await expect(page.getByText('Ingen endepunkter er deaktiveret').isVisible()).resolves.toBe(true);
    expect((await api('notifications', '/v1/endpoints/disabled')).body).toEqual([]);
  });

  it('switches the Admin pages to English', async () => {
    await page.goto(url('/admin/plans'));
    await page.getByRole('link', { name: 'English' }).click();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Plans');
    await expect(
      page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Administration' }).getAttribute('aria-current'),
    ).resolves.toBe('page');
    await page.getByRole('link', { name: 'Dansk' }).click();
  });

  it('records every change in the console audit log with who, what and the target', async () => {
    const db = new Client({ connectionString: system.world.databaseUrl });
    await db.connect();
    try {
      const { rows } = await db.query(
        `SELECT actor_email, action, target_type, target_id FROM console.audit_log WHERE action NOT LIKE 'sign-%' ORDER BY id`,
      );
      expect(rows.map((row) => row.action)).toEqual([
        'plan.saved',
        'plan.saved',
        'recipient.created',
        'recipient.updated',
        'owner.created',
        'owner.updated',
        'routing-rule.created',
        'routing-rule.updated',
        'routing-rule.deleted',
        'api-key.created',
        'api-key.revoked',
        'delivery.retried',
        'endpoint.enabled',
      ]);
      expect(rows.every((row) => row.actor_email === ADMIN.email && row.target_id)).toBe(true);
      expect(rows.find((row) => row.action === 'delivery.retried')).toMatchObject({ target_type: 'delivery', target_id: deadDeliveryId });
      const { rows: details } = await db.query(`SELECT details::text AS text FROM console.audit_log`);
      expect(details.map((row) => row.text).join('\n')).not.toMatch(/secret|pjl_/);
    } finally {
      await db.end();
    }
  });

  it('gives an operator no admin pages: no menu entry, and 403 for each', async () => {
    const operatorContext = await browser.newContext();
    const operator = await operatorContext.newPage();
    try {
      await signIn(operator, system.consoleUrl, OPERATOR.email, OPERATOR.password);
      await expect(
        operator.getByRole('navigation', { name: 'Hovedmenu' }).getByRole('link', { name: 'Administration' }).count(),
      ).resolves.toBe(0);
      for (const pathname of ['/admin', '/admin/plans', '/admin/recipients', '/admin/deliveries', '/admin/api-keys']) {
        const response = await operator.goto(url(pathname));
        expect(response?.status()).toBe(403);
        await expect(operator.getByText('Du har ikke adgang til denne side').isVisible()).resolves.toBe(true);
      }
      const token = await operator.locator('meta[name="csrf-token"]').getAttribute('content');
      const post = await operator.request.post(url('/admin/api-keys'), {
        form: { _csrf: token ?? '', name: 'sneaky', role: 'admin' },
        maxRedirects: 0,
      });
      expect(post.status()).toBe(403);
      expect(((await api('goals', '/v1/api-keys')).body as { name: string }[]).map((key) => key.name)).not.toContain('sneaky');
      expect(await checkPage(operator, 'admin-forbidden-operator')).toEqual([]);
    } finally {
      await operatorContext.close();
    }
  });
});
