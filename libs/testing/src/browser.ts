import { mkdirSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { Browser, BrowserContext, chromium, Page } from 'playwright-core';
import { repoRoot } from './repo-root';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** Every page a browser test checks is saved here (git-ignored), one PNG per page. */
export const SCREENSHOT_DIR = path.join(repoRoot(), 'test-output/screenshots');

export interface TestBrowser {
  browser: Browser;
  /** A fresh context (own cookies), e.g. one per user. */
  newContext(): Promise<BrowserContext>;
  close(): Promise<void>;
}

/** Debian's chromium, headless; playwright gives every launch a fresh temporary profile (user-data-dir). */
export async function launchBrowser(): Promise<TestBrowser> {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    browser,
    newContext: () => browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'da-DK', timezoneId: 'Europe/Copenhagen' }),
    async close() {
      await browser.close();
    },
  };
}

/** Signs in through the sign-in form, as a person would, and waits for the page behind it. */
export async function signIn(page: Page, consoleUrl: string, email: string, password: string): Promise<void> {
  await page.goto(`${consoleUrl}/sign-in`);
  await page.getByLabel(/E-mailadresse|Email address/).fill(email);
  await page.getByLabel(/^(Adgangskode|Password)/).fill(password);
  await Promise.all([
    page.waitForURL((url) => !url.pathname.startsWith('/sign-in')),
    page.getByRole('button', { name: /Log ind|Sign in/ }).click(),
  ]);
}

export interface AxeProblem {
  id: string;
  impact: string;
  help: string;
  nodes: string[];
}

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA rules) on the page as it is and saves a full-page
 * screenshot under test-output/screenshots/<name>.png. Returns the serious and critical violations,
 * which a test expects to be empty.
 */
export async function checkPage(page: Page, name: string): Promise<AxeProblem[]> {
  mkdirSync(SCREENSHOT_DIR, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOT_DIR, `${name}.png`), fullPage: true });
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? '',
      help: violation.help,
      nodes: violation.nodes.map((node) => node.target.join(' ')).slice(0, 5),
    }));
}
