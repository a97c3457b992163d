import type { BrowserContext, Page } from 'playwright-core';
import { checkPage, ConsoleSystem, launchBrowser, signIn, startConsoleSystem, TestBrowser } from '@pejling/testing';

const ADMIN = { email: 'admin@pejling.test', name: 'Ada Admin', role: 'admin' as const, municipalities: '*', password: 'admin-password-123' };

/**
 * The console in real Chromium against the four real services, the broker, PostgreSQL and SMTP:
 * one system start for the file, one browser context per user.
 */
describe('console (browser)', () => {
  let system: ConsoleSystem;
  let browser: TestBrowser;
  let adminContext: BrowserContext;
  let admin: Page;

  beforeAll(async () => {
    system = await startConsoleSystem();
    await system.createUser(ADMIN);
    browser = await launchBrowser();
    adminContext = await browser.newContext();
    admin = await adminContext.newPage();
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await system?.stop();
  }, 60_000);

  it('signs in through the form and shows the sign-in page without serious accessibility problems', async () => {
    await admin.goto(`${system.consoleUrl}/sign-in`);
    expect(await checkPage(admin, 'sign-in')).toEqual([]);
    await signIn(admin, system.consoleUrl, ADMIN.email, ADMIN.password);
    await expect(admin.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Statustavle');
    const cookie = (await adminContext.cookies()).find((candidate) => candidate.name === 'pejling_session');
    expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  });

  it('refuses a state-changing request without the CSRF token, and accepts it with the token', async () => {
    const without = await admin.request.post(`${system.consoleUrl}/sign-out`, { form: {}, maxRedirects: 0 });
    expect(without.status()).toBe(403);
    expect(await without.text()).toContain('Formularen var udløbet');
    const token = await admin.locator('meta[name="csrf-token"]').getAttribute('content');
    const withToken = await admin.request.post(`${system.consoleUrl}/sign-out`, { form: { _csrf: token ?? '' }, maxRedirects: 0 });
    expect(withToken.status()).toBe(303);
    await signIn(admin, system.consoleUrl, ADMIN.email, ADMIN.password);
  });

  it('shows the accessibility statement in Danish, also after switching the language to English', async () => {
    await admin.goto(`${system.consoleUrl}/accessibility`);
    await expect(admin.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Tilgængelighedserklæring');
    expect(await checkPage(admin, 'accessibility')).toEqual([]);
    await admin.getByRole('link', { name: 'English' }).click();
    await expect(admin.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Accessibility statement');
    await admin.getByRole('link', { name: 'Dansk' }).click();
  });
});
