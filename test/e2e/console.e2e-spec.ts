import fs from 'node:fs';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import {
  apiClient,
  checkPage,
  ConsoleSystem,
  launchBrowser,
  PIPELINE_IDLE,
  signIn,
  startConsoleSystem,
  TestBrowser,
  waitUntil,
  waitUntilIdle,
} from '@pejling/testing';

const demo = (name: string) => JSON.parse(fs.readFileSync(path.join(__dirname, '../../demo', name), 'utf8'));
const ADMIN = {
  email: 'admin@pejling.test',
  name: 'Ada Admin',
  role: 'admin' as const,
  municipalities: '*',
  password: 'admin-password-123',
};
const OPERATOR = {
  email: 'operator@frederiksberg.test',
  name: 'Otto Operatør',
  role: 'operator' as const,
  municipalities: '147',
  password: 'operator-password-123',
};
const LOCKED = {
  email: 'forgetful@pejling.test',
  name: 'Glemsom Bruger',
  role: 'viewer' as const,
  municipalities: '147',
  password: 'viewer-password-123',
};
const RESET = {
  email: 'reset@pejling.test',
  name: 'Nulstil Bruger',
  role: 'viewer' as const,
  municipalities: '*',
  password: 'old-password-1234',
};
const ACK_NOTE = 'Vi gennemgår alle sygedagpengesager over 8 uger; status til udvalget i næste måned.';

/**
 * The console in real Chromium against the four real services, the broker, PostgreSQL and SMTP,
 * in the order a person would use it: one system start for the file, one browser context per user.
 * Every page with data on it is checked with axe (no serious or critical violation) and saved as a
 * screenshot in test-output/screenshots/.
 */
describe('console (browser, real services)', () => {
  let system: ConsoleSystem;
  let browser: TestBrowser;
  let admin: Page;
  let operator: Page;
  let operatorContext: BrowserContext;
  let goalId: string;
  let copenhagenGoalId: string;
  const mailsTo = (address: string) => system.smtp.messages.filter((mail) => mail.to && JSON.stringify(mail.to).includes(address));

  beforeAll(async () => {
    system = await startConsoleSystem();
    const goals = apiClient(system.urls.goals, await system.world.apiKey('admin'));
    const integrator = apiClient(system.urls.ingest, await system.world.apiKey('integrator'));
    const goal = demo('goal.json');
    goal.owner.webhookUrl = `${system.receiverUrl}/pejling-webhook`;
    delete goal.owner.teamsWebhookUrl;
    const owner = await goals.post('/v1/owners', goal.owner);
    expect(owner.status).toBe(201);
    expect((await integrator.post('/v1/figures', demo('history.json'))).status).toBe(201);
    goalId = (await goals.post('/v1/goals', goal)).body.id;
    await waitUntil(async () => (await goals.get(`/v1/goals/${goalId}`)).body.statePeriod === '2021-06', 30_000, 'the history judged');
    const copenhagen = await goals.post('/v1/goals', {
      name: 'København: andelen på sygedagpenge mv. højst 2 %',
      municipality: '101',
      indicator: 'share.sygedagpenge-mv',
      comparator: 'lte',
      target: 2,
      owner: { name: 'Jobcenter København (test)', email: 'kbh@koebenhavn.example' },
    });
    expect(copenhagen.status).toBe(201);
    copenhagenGoalId = copenhagen.body.id;
    await system.createUser(ADMIN);
    await system.createUser({ ...OPERATOR, ownerId: owner.body.id });
    await system.createUser(LOCKED);
    await system.createUser(RESET);
    browser = await launchBrowser();
    admin = await (await browser.newContext()).newPage();
    operatorContext = await browser.newContext();
    operator = await operatorContext.newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  }, 60_000);

  it('signs in through the form (HttpOnly, SameSite=Lax session cookie)', async () => {
    await admin.goto(`${system.consoleUrl}/`);
    expect(new URL(admin.url()).pathname).toBe('/sign-in');
    expect(await checkPage(admin, 'sign-in')).toEqual([]);
    await signIn(admin, system.consoleUrl, ADMIN.email, ADMIN.password);
    expect(await admin.getByRole('heading', { level: 1 }).textContent()).toBe('Statustavle');
    await signIn(operator, system.consoleUrl, OPERATOR.email, OPERATOR.password);
    const cookie = (await operatorContext.cookies()).find((candidate) => candidate.name === 'pejling_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  });

  it('shows the demo goal breached on the board once the demo figures are posted, without a reload', async () => {
    await operator.goto(`${system.consoleUrl}/`);
    const row = operator.locator(`#mine-heading ~ table tr[data-goal-id="${goalId}"]`);
    await expect(row.locator('.state').textContent()).resolves.toBe('Opfyldt');
    const integrator = apiClient(system.urls.ingest, await system.world.apiKey('integrator'));
    expect((await integrator.post('/v1/figures', demo('breach.json'))).status).toBe(201);
    // The board polls (htmx); the same page shows the new state.
    await row.locator('.state-breached').waitFor({ timeout: 30_000 });
    expect(await row.textContent()).toContain('juli 2021');
    expect(await row.textContent()).toContain('1,88 %');
    expect(await operator.locator('[data-state="breached"] .count').textContent()).toBe('1');
    expect(await checkPage(operator, 'board')).toEqual([]);
    // The admin sees every municipality, so also København's goal.
    await admin.goto(`${system.consoleUrl}/`);
    expect(await admin.locator(`tr[data-goal-id="${copenhagenGoalId}"]`).count()).toBe(1);
  }, 60_000);

  it('opens the goal page from the link in the real breach email', async () => {
    await waitUntil(
      () => mailsTo('sygedagpenge@frederiksberg.example').some((mail) => mail.subject?.startsWith('Mål brudt')),
      30_000,
      'the breach email',
    );
    const mail = mailsTo('sygedagpenge@frederiksberg.example').find((candidate) => candidate.subject?.startsWith('Mål brudt'));
    const link = (mail?.text ?? '').match(new RegExp(`${system.consoleUrl}/goals/[0-9a-f-]{36}`))?.[0];
    expect(link).toBe(`${system.consoleUrl}/goals/${goalId}`);
    await operator.goto(link!);
    expect(await operator.locator('[data-goal-state]').textContent()).toBe('Ikke opfyldt');
    expect(await operator.locator('.explanation').textContent()).toContain('0,1 pct.-point over målet');
    expect(await operator.locator('main').textContent()).toContain('gennemsnittet af 1 af 98 kommuner');
    await operator.locator('canvas[data-chart]').waitFor();
    expect(await checkPage(operator, 'goal')).toEqual([]);
  });

  it('acknowledges with a note: the note is on the goal page and in the next message to the recipients', async () => {
    await operator.goto(`${system.consoleUrl}/alerts`);
    expect(await operator.locator('tr[data-episode-id]').count()).toBe(1);
    // The operator is linked to the goal's owner: the episode is marked as theirs.
    expect(await operator.locator('tr[data-episode-id] .own-marker').textContent()).toBe('din');
    expect(await checkPage(operator, 'alerts')).toEqual([]);
    await operator.goto(`${system.consoleUrl}/goals/${goalId}`);
    // An empty note names the field.
    await operator.getByRole('button', { name: 'Kvittér' }).click();
    expect(await operator.locator('.field-error').first().textContent()).toContain('Hvad gøres der');
    await operator.goto(`${system.consoleUrl}/goals/${goalId}`);
    await operator.getByLabel('Hvad gøres der, og af hvem?').fill(ACK_NOTE);
    await operator.getByRole('button', { name: 'Kvittér' }).click();
    await operator.waitForURL(/notice=acknowledged/);
    expect(await operator.locator('.ack-note').first().textContent()).toBe(ACK_NOTE);
    await waitUntil(
      () => mailsTo('sygedagpenge@frederiksberg.example').some((mail) => mail.subject?.startsWith('Kvitteret')),
      30_000,
      'the acknowledgement email',
    );
    const notice = mailsTo('sygedagpenge@frederiksberg.example').find((mail) => mail.subject?.startsWith('Kvitteret'));
    expect(notice?.text).toContain(ACK_NOTE);
    expect(notice?.text).toContain(OPERATOR.name);
  }, 60_000);

  it('creates a silence from the episode; the recovery under it is recorded, not sent', async () => {
    await operator.goto(`${system.consoleUrl}/alerts`);
    await operator.getByRole('link', { name: 'Opret tavshed' }).first().click();
    expect(await operator.getByLabel(/^Kommunen: Frederiksberg/).isChecked()).toBe(true);
    expect(await operator.getByLabel(/^Målet:/).isChecked()).toBe(true);
    expect(await checkPage(operator, 'silence-form')).toEqual([]);
    // Without a reason the form names the field.
    await operator.getByRole('button', { name: 'Opret tavshed' }).click();
    expect(await operator.locator('#error-reason').textContent()).toContain('Begrundelse');
    await operator.getByLabel(/^Begrundelse/).fill('Sagsgennemgang i gang; recovery meldes på udvalgsmødet');
    await operator.getByRole('button', { name: 'Opret tavshed' }).click();
    await operator.waitForURL(/notice=silence-created/);
    expect(await operator.locator('tr[data-silence-id]').count()).toBe(1);
    const mailsBefore = system.smtp.messages.length;
    const integrator = apiClient(system.urls.ingest, await system.world.apiKey('integrator'));
    expect((await integrator.post('/v1/figures', demo('recovery.json'))).status).toBe(201);
    await operator.goto(`${system.consoleUrl}/goals/${goalId}`);
    await operator.locator('[data-alert-outcome="silenced"]').waitFor({ timeout: 30_000 });
    expect(await operator.locator('[data-goal-state]').textContent()).toBe('Opfyldt');
    // Nothing may arrive: once the whole pipeline is idle (every delivery finished), no mail went out.
    await waitUntilIdle(system.world, PIPELINE_IDLE, 30_000);
    expect(system.smtp.messages.length).toBe(mailsBefore);
    await operator.goto(`${system.consoleUrl}/alerts`);
    await operator.getByRole('button', { name: /^Afslut nu/ }).click();
    await operator.waitForURL(/notice=silence-ended/);
    expect(await operator.locator('tr[data-silence-id]').count()).toBe(0);
  }, 60_000);

  it('a Frederiksberg operator can neither see nor change København in the UI', async () => {
    await operator.goto(`${system.consoleUrl}/`);
    expect(await operator.locator(`tr[data-goal-id="${copenhagenGoalId}"]`).count()).toBe(0);
    expect(await operator.locator('#filter-municipality').count()).toBe(0);
    const page = await operator.goto(`${system.consoleUrl}/goals/${copenhagenGoalId}`);
    expect(page?.status()).toBe(404);
    expect(await operator.locator('main').textContent()).toContain('Siden findes ikke');
    expect(await checkPage(operator, 'not-found')).toEqual([]);
    // A silence for København, posted with a valid CSRF token: the notifications service refuses it.
    const token = (await operator.locator('meta[name="csrf-token"]').getAttribute('content')) ?? '';
    const episodes = await apiClient(system.urls.notifications, await system.world.apiKey('admin')).get('/v1/episodes');
    const refused = await operator.request.post(`${system.consoleUrl}/alerts/silences`, {
      form: {
        _csrf: token,
        episodeId: episodes.body[0].id,
        municipality: '101',
        useMunicipality: '1',
        endsAt: '2099-01-01T08:00',
        reason: 'forsøg uden for adgang',
      },
      maxRedirects: 0,
    });
    expect(refused.status()).toBe(403);
    expect(await refused.text()).toContain('101');
    const silences = await apiClient(system.urls.notifications, await system.world.apiKey('admin')).get('/v1/silences?state=active');
    expect(silences.body.filter((silence: { municipality: string }) => silence.municipality === '101')).toEqual([]);
    // Admin pages are not theirs.
    expect((await operator.goto(`${system.consoleUrl}/users`))?.status()).toBe(403);
  });

  it('refuses a state-changing request without the CSRF token', async () => {
    const without = await operator.request.post(`${system.consoleUrl}/sign-out`, { form: {}, maxRedirects: 0 });
    expect(without.status()).toBe(403);
    expect(await without.text()).toContain('Formularen var udløbet');
    const htmxWithout = await operator.request.post(`${system.consoleUrl}/alerts/silences/00000000-0000-4000-8000-000000000000/end`, {
      headers: { 'hx-request': 'true' },
      maxRedirects: 0,
    });
    expect(htmxWithout.status()).toBe(403);
    // Still signed in: the refused sign-out changed nothing.
    await operator.goto(`${system.consoleUrl}/`);
    expect(await operator.getByRole('heading', { level: 1 }).textContent()).toBe('Statustavle');
  });

  it('locks an account after five wrong passwords, also for the right one', async () => {
    const page = await (await browser.newContext()).newPage();
    for (let attempt = 1; attempt <= 5; attempt++) {
      await page.goto(`${system.consoleUrl}/sign-in`);
      await page.getByLabel('E-mailadresse').fill(LOCKED.email);
      await page.getByLabel('Adgangskode').fill(`wrong-password-${attempt}`);
      await page.getByRole('button', { name: 'Log ind' }).click();
      const message = await page.locator('[role="alert"]').textContent();
      expect(message).toContain(attempt < 5 ? 'forkert' : 'midlertidigt låst');
    }
    await page.goto(`${system.consoleUrl}/sign-in`);
    await page.getByLabel('E-mailadresse').fill(LOCKED.email);
    await page.getByLabel('Adgangskode').fill(LOCKED.password);
    await page.getByRole('button', { name: 'Log ind' }).click();
    expect(await page.locator('[role="alert"]').textContent()).toContain('midlertidigt låst');
    expect(new URL(page.url()).pathname).toBe('/sign-in');
    await page.context().close();
  });

  it('resets a password by the emailed single-use link', async () => {
    const page = await (await browser.newContext()).newPage();
    await page.goto(`${system.consoleUrl}/sign-in`);
    await page.getByRole('link', { name: 'Glemt adgangskoden?' }).click();
    expect(await checkPage(page, 'password-reset')).toEqual([]);
    await page.getByLabel('E-mailadresse').fill(RESET.email);
    await page.getByRole('button', { name: 'Send link' }).click();
    expect(await page.locator('[role="status"]').textContent()).toContain('Hvis adressen hører til en konto');
    await waitUntil(() => mailsTo(RESET.email).length === 1, 30_000, 'the reset email');
    const link = mailsTo(RESET.email)[0].text?.match(new RegExp(`${system.consoleUrl}/password-reset/[A-Za-z0-9_-]+`))?.[0];
    expect(link).toBeDefined();
    await page.goto(link!);
    expect(await checkPage(page, 'password-reset-choose')).toEqual([]);
    await page.getByLabel('Ny adgangskode').fill('a brand new password');
    await page.getByLabel('Gentag den nye adgangskode').fill('a different password');
    await page.getByRole('button', { name: 'Gem ny adgangskode' }).click();
    expect(await page.locator('#error-repeat').textContent()).toContain('ikke ens');
    await page.getByLabel('Ny adgangskode').fill('a brand new password');
    await page.getByLabel('Gentag den nye adgangskode').fill('a brand new password');
    await page.getByRole('button', { name: 'Gem ny adgangskode' }).click();
    await page.waitForURL(/notice=password-changed/);
    await signIn(page, system.consoleUrl, RESET.email, 'a brand new password');
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Statustavle');
    // Single use: the same link again is refused.
    const again = await page.goto(link!);
    expect(again?.status()).toBe(410);
    expect(await page.locator('[role="alert"]').textContent()).toContain('udløbet eller allerede brugt');
    await page.context().close();
  });

  it('admin pages: users (create one, name the bad field), audit log with the console’s changes, all accessible', async () => {
    await admin.goto(`${system.consoleUrl}/users`);
    await admin.getByLabel(/^E-mailadresse/).fill('ny@pejling.test');
    await admin.getByLabel(/^Navn/).fill('Ny Læser');
    await admin.getByLabel(/^Kommuner/).fill('147, 999');
    await admin.getByLabel(/^Første adgangskode/).fill('new-viewer-password');
    await admin.getByRole('button', { name: 'Opret bruger' }).click();
    expect(await admin.locator('#error-municipalities').textContent()).toContain("'999' er ikke en kommunekode");
    await admin.getByLabel(/^Kommuner/).fill('147');
    await admin.getByLabel(/^Første adgangskode/).fill('new-viewer-password');
    await admin.getByRole('button', { name: 'Opret bruger' }).click();
    await admin.waitForURL(/notice=created/);
    expect(await admin.locator('tr[data-user-email="ny@pejling.test"]').textContent()).toContain('Frederiksberg');
    expect(await checkPage(admin, 'users')).toEqual([]);
    await admin.locator('tr[data-user-email="ny@pejling.test"] a').click();
    expect(await checkPage(admin, 'user-edit')).toEqual([]);
    await admin.getByRole('button', { name: 'Deaktivér brugeren' }).click();
    await admin.waitForURL(/notice=saved/);
    expect(await admin.locator('tr[data-user-email="ny@pejling.test"]').textContent()).toContain('Deaktiveret');

    await admin.goto(`${system.consoleUrl}/audit`);
    const actions = await admin.locator('tr[data-action]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action')));
    for (const action of [
      'sign-in.succeeded',
      'sign-in.failed',
      'user.locked',
      'episode.acknowledged',
      'silence.created',
      'silence.ended',
      'password-reset.completed',
      'user.created',
      'user.deactivated',
    ]) {
      expect(actions).toContain(action);
    }
    expect(await checkPage(admin, 'audit')).toEqual([]);
    await admin.goto(`${system.consoleUrl}/audit?actor=${encodeURIComponent(OPERATOR.email)}&action=episode`);
    expect(await admin.locator('tr[data-action]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-action')))).toEqual([
      'episode.acknowledged',
    ]);
  }, 60_000);

  it('the accessibility statement, in Danish also after switching to English', async () => {
    await admin.goto(`${system.consoleUrl}/accessibility`);
    expect(await admin.getByRole('heading', { level: 1 }).textContent()).toBe('Tilgængelighedserklæring');
    expect(await admin.locator('main').textContent()).toContain('axe-core');
    expect(await checkPage(admin, 'accessibility')).toEqual([]);
    await admin.getByRole('link', { name: 'English' }).click();
    expect(await admin.getByRole('heading', { level: 1 }).textContent()).toContain('Accessibility statement');
    await admin.goto(`${system.consoleUrl}/`);
    expect(await admin.getByRole('heading', { level: 1 }).textContent()).toBe('Status board');
    expect(await checkPage(admin, 'board-en')).toEqual([]);
    await admin.getByRole('link', { name: 'Dansk' }).click();
  });
});
