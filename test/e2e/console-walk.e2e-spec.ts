import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { dropDatabase } from '@pejling/platform';
import { checkPage, launchBrowser, PG_ADMIN_URL, repoRoot, signIn, TestBrowser, uniqueId, waitUntil } from '@pejling/testing';

/**
 * The "Done when" path, walked once on the configuration `npm start` uses: scripts/start.mjs itself
 * (MailDev, the webhook receiver, the four services, the console, the demo goal and the two demo sign-ins),
 * read as a new user reads it (its stdout), then driven in Chromium. The breach is made through the
 * console's Data page (demo/breach.csv), not with curl. Its own database, topic prefix, Bull prefix, ports and
 * state directory, so it never touches a developer's running demo. `npm test` has built dist already, so the
 * script's own build is skipped (PEJLING_SKIP_BUILD=1).
 */
const ROOT = repoRoot();
const id = uniqueId();
const databaseUrl = (() => {
  const url = new URL(PG_ADMIN_URL);
  url.pathname = `/pejling_walk_${id}`;
  return url.toString();
})();
// Every process start.mjs starts inherits this value; after the stop none may be left that carries it.
const BULL_PREFIX = `walk-${id}`;
const ACK_NOTE = 'Vi gennemgår alle sygedagpengesager over 8 uger; status til udvalget i næste måned.';
const planText = readFileSync(path.join(ROOT, 'plans/koebenhavn-2022.yaml'), 'utf8');
const planLines = planText.split('\n');
const severityLine = planLines.findIndex((line) => line.includes('id: KBH-1'));
const brokenPlan = planLines.map((line, i) => (i === severityLine ? line.replace('severity: minor', 'severity: urgent') : line)).join('\n');
const COPENHAGEN_CSV = [
  'Område;Periode;Ydelse;Fuldtidspersoner',
  'København;2021M07;Sygedagpenge;8.123',
  'København;2021M07;Jobafklaringsforløb;1.015',
].join('\r\n');

interface Printed {
  consoleUrl: string;
  admin: { email: string; password: string };
  operator: { email: string; password: string };
  goalId: string;
  inbox: string;
  publicPage: string;
}

interface MaildevMail {
  subject: string;
  text: string;
  to: { address: string }[];
}

const canListen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });

/** A base port with base+1…base+8 free: five for the services and the console, three for SMTP, inbox and receiver. */
async function freePortBlock(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const base = 20_000 + Math.floor(Math.random() * 30_000);
    const ports = Array.from({ length: 8 }, (_, i) => base + 1 + i);
    if ((await Promise.all(ports.map(canListen))).every(Boolean)) return base;
  }
  throw new Error('no block of 8 free ports found');
}

/** Processes whose environment carries this run's Bull prefix (Linux /proc), i.e. started by this start.mjs. */
function processesOfThisRun(): number[] {
  const found: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry) || Number(entry) === process.pid) continue;
    try {
      if (readFileSync(`/proc/${entry}/environ`, 'latin1').split('\0').includes(`BULL_PREFIX=${BULL_PREFIX}`)) found.push(Number(entry));
    } catch {
      // gone meanwhile, or not ours to read
    }
  }
  return found;
}

function parseWelcome(stdout: string): Printed {
  const match = (pattern: RegExp, what: string) => {
    const found = stdout.match(pattern);
    if (!found) throw new Error(`npm start did not print ${what}:\n${stdout}`);
    return found;
  };
  const [, consoleUrl] = match(/^ {2}Console +(http:\/\/\S+)$/m, 'the console URL');
  const [, adminEmail, adminPassword] = match(/^ +admin: +(\S+) \/ (\S+)$/m, 'the admin sign-in');
  const [, operatorEmail, operatorPassword] = match(/^ +operator: +(\S+) \/ (\S+) +\(Frederiksberg only\)$/m, 'the operator sign-in');
  const [, goalId] = match(/\/goals\/([0-9a-f-]{36})\)$/m, 'the demo goal');
  const [, inbox] = match(/^ {2}Email inbox +(http:\/\/\S+)$/m, 'the email inbox');
  const [, publicPage] = match(/^ {2}Public page +(http:\/\/\S+)/m, 'the public page');
  return {
    consoleUrl,
    admin: { email: adminEmail, password: adminPassword },
    operator: { email: operatorEmail, password: operatorPassword },
    goalId,
    inbox,
    publicPage,
  };
}

describe('the whole "Done when" path on `npm start` (scripts/start.mjs, Chromium)', () => {
  const stateDir = mkdtempSync(path.join(os.tmpdir(), 'pejling-walk-'));
  let portBase: number;
  let start: ChildProcess;
  let stdout = '';
  let stderr = '';
  let exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  let printed: Printed;
  let browser: TestBrowser;
  let admin: Page;
  let copenhagenGoalId: string;
  /** The Frederiksberg goals npm start seeds: the demo goal and the goals of plans/frederiksberg-2022.yaml. */
  let frederiksbergGoalIds: string[];
  const expectAccessible = async (page: Page, name: string) => expect(await checkPage(page, name)).toEqual([]);
  const inbox = async (): Promise<MaildevMail[]> => (await (await fetch(`${printed.inbox}/email`)).json()) as MaildevMail[];
  const mailsTo = async (address: string, subject: string) =>
    (await inbox()).filter((mail) => mail.to.some((to) => to.address === address) && mail.subject.startsWith(subject));
  const goalIdsOnBoard = async (page: Page) => [
    ...new Set(await page.locator('tr[data-goal-id]').evaluateAll((rows) => rows.map((row) => row.getAttribute('data-goal-id') ?? ''))),
  ];
  const uploadCsv = async (page: Page, file: string | { name: string; mimeType: string; buffer: Buffer }) => {
    await page.goto(`${printed.consoleUrl}/data`);
    await page.getByLabel(/^CSV-fil/).setInputFiles(file);
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    const result = page.locator('#upload-result .import-result');
    await result.waitFor({ timeout: 30_000 });
    return result;
  };

  beforeAll(async () => {
    portBase = await freePortBlock();
    const env: Record<string, string | undefined> = {
      ...process.env,
      DATABASE_URL: databaseUrl,
      KAFKA_TOPIC_PREFIX: `walk${id}.`,
      BULL_PREFIX,
      PEJLING_PORT_BASE: String(portBase),
      PEJLING_SMTP_PORT: String(portBase + 6),
      PEJLING_INBOX_PORT: String(portBase + 7),
      PEJLING_RECEIVER_PORT: String(portBase + 8),
      PEJLING_STATE_DIR: stateDir,
      PEJLING_SKIP_BUILD: '1',
    };
    // MailDev is what npm start runs when no SMTP server is configured.
    delete env.SMTP_URL;
    start = spawn(process.execPath, [path.join(ROOT, 'scripts/start.mjs')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
    start.stdout?.on('data', (chunk: Buffer) => (stdout += chunk.toString('utf8')));
    start.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString('utf8')));
    exited = new Promise((resolve) => start.once('exit', (code, signal) => resolve({ code, signal })));
    await waitUntil(
      () => {
        if (start.exitCode !== null) throw new Error(`npm start exited (${start.exitCode}):\n${stdout}\n${stderr}`);
        return stdout.includes('Ctrl-C stops the services');
      },
      180_000,
      'npm start to print its welcome',
    );
    printed = parseWelcome(stdout);
    browser = await launchBrowser();
    admin = await (await browser.newContext()).newPage();
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    if (start && start.exitCode === null && start.signalCode === null) {
      start.kill('SIGINT');
      await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 20_000))]);
      for (const pid of processesOfThisRun()) process.kill(pid, 'SIGKILL');
    }
    await dropDatabase(databaseUrl);
    rmSync(stateDir, { recursive: true, force: true });
  }, 60_000);

  it('prints the console URL and the two demo sign-ins on the ports it was given', () => {
    expect(printed.consoleUrl).toBe(`http://127.0.0.1:${portBase + 5}`);
    expect(printed.admin.email).toBe('admin@pejling.local');
    expect(printed.operator.email).toBe('operator@frederiksberg.local');
    expect(printed.inbox).toBe(`http://127.0.0.1:${portBase + 7}`);
  });

  it('opens the printed URL, signs in as the printed admin and sees the demo goal met', async () => {
    await admin.goto(printed.consoleUrl);
    expect(new URL(admin.url()).pathname).toBe('/sign-in');
    await signIn(admin, printed.consoleUrl, printed.admin.email, printed.admin.password);
    await expect(admin.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Statustavle');
    // The history (January–June 2021) is judged shortly after start; the board polls.
    await admin.locator(`tr[data-goal-id="${printed.goalId}"] .state-met`).waitFor({ timeout: 30_000 });
  }, 60_000);

  it('makes the breach by uploading demo/breach.csv on the Data page, and the board shows the goal breached', async () => {
    const result = await uploadCsv(admin, path.join(ROOT, 'demo/breach.csv'));
    await expect(result.getAttribute('data-status')).resolves.toBe('accepted');
    const counts = (await result.locator('.counts-table tbody tr').first().locator('th, td').allTextContents()).map((cell) => cell.trim());
    expect(counts.slice(0, 2)).toEqual(['3', '3']);
    await expectAccessible(admin, 'walk-data-breach');
    await admin.goto(printed.consoleUrl);
    const row = admin.locator(`tr[data-goal-id="${printed.goalId}"]`);
    await row.locator('.state-breached').waitFor({ timeout: 40_000 });
    expect(await row.textContent()).toContain('1,88 %');
    expect(await row.textContent()).toContain('juli 2021');
    await expectAccessible(admin, 'walk-board-breached');
  }, 90_000);

  it('follows the "Åbn målet" link of the breach email in MailDev to the goal page', async () => {
    await waitUntil(
      async () => (await mailsTo('sygedagpenge@frederiksberg.example', 'Mål brudt')).length > 0,
      40_000,
      'the breach email in MailDev',
    );
    const [mail] = await mailsTo('sygedagpenge@frederiksberg.example', 'Mål brudt');
    expect(mail.text).toContain('Gennemsnit af 1 af 98 kommuner: 1,88 %');
    const link = mail.text.match(/Åbn målet: (\S+)/)?.[1];
    expect(link).toBe(`${printed.consoleUrl}/goals/${printed.goalId}`);
    await admin.goto(link!);
    await expect(admin.locator('[data-goal-state]').textContent()).resolves.toBe('Ikke opfyldt');
    await expect(admin.locator('.explanation').textContent()).resolves.toContain('0,1 pct.-point over målet');
  }, 60_000);

  it('acknowledges on the goal page with a note, which the acknowledgement email carries', async () => {
    await admin.getByLabel('Hvad gøres der, og af hvem?').fill(ACK_NOTE);
    await admin.getByRole('button', { name: 'Kvittér' }).click();
    await admin.waitForURL(/notice=acknowledged/);
    await expect(admin.locator('.ack-note').first().textContent()).resolves.toBe(ACK_NOTE);
    await waitUntil(
      async () => (await mailsTo('sygedagpenge@frederiksberg.example', 'Kvitteret')).length > 0,
      40_000,
      'the acknowledgement email',
    );
    const [notice] = await mailsTo('sygedagpenge@frederiksberg.example', 'Kvitteret');
    expect(notice.text).toContain(ACK_NOTE);
  }, 60_000);

  it('silences the goal from the alerts page', async () => {
    await admin.goto(`${printed.consoleUrl}/alerts`);
    expect(await admin.locator('tr[data-episode-id]').count()).toBe(1);
    await admin.getByRole('link', { name: 'Opret tavshed' }).first().click();
    expect(await admin.getByLabel(/^Målet:/).isChecked()).toBe(true);
    await admin.getByLabel(/^Begrundelse/).fill('Sagsgennemgang i gang; status på udvalgsmødet');
    await admin.getByRole('button', { name: 'Opret tavshed' }).click();
    await admin.waitForURL(/notice=silence-created/);
    expect(await admin.locator('tr[data-silence-id]').count()).toBe(1);
    await expectAccessible(admin, 'walk-alerts-silenced');
  }, 60_000);

  it('uploads København’s figures as a CSV and sees them accepted and listed among the imports', async () => {
    const result = await uploadCsv(admin, {
      name: 'koebenhavn-juli-2021.csv',
      mimeType: 'text/csv',
      buffer: Buffer.from(COPENHAGEN_CSV, 'utf8'),
    });
    await expect(result.getAttribute('data-status')).resolves.toBe('accepted');
    await admin.goto(`${printed.consoleUrl}/data/imports`);
    expect(await admin.getByRole('link', { name: 'koebenhavn-juli-2021.csv' }).count()).toBe(1);
    expect(await admin.getByRole('link', { name: 'breach.csv' }).count()).toBe(1);
  }, 60_000);

  it('checks a plan in Admin → Planer (line error first), saves the fixed one, and its goals are on the board', async () => {
    await admin.goto(printed.consoleUrl);
    frederiksbergGoalIds = await goalIdsOnBoard(admin);
    expect(frederiksbergGoalIds).toContain(printed.goalId);
    await admin.goto(`${printed.consoleUrl}/admin`);
    await admin.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Planer' }).click();
    await admin.getByLabel('Planens YAML').fill(brokenPlan);
    await admin.getByRole('button', { name: 'Tjek', exact: true }).click();
    const problem = admin.locator('#error-yaml li').first();
    await problem.waitFor();
    await expect(problem.textContent()).resolves.toContain(`Linje ${severityLine + 1}`);
    await expectAccessible(admin, 'walk-admin-plan-errors');
    await admin.getByLabel('Planens YAML').fill(planText);
    await Promise.all([
      admin.waitForURL(/\/admin\/plans\/koebenhavn-2022\?saved=1$/),
      admin.getByRole('button', { name: 'Gem plan' }).click(),
    ]);
    await expect(admin.getByRole('status').first().textContent()).resolves.toContain('Planen er gemt som version 1');
    await admin.goto(printed.consoleUrl);
    await expect(admin.locator('main').textContent()).resolves.toContain('København');
    const others = (await goalIdsOnBoard(admin)).filter((goalId) => !frederiksbergGoalIds.includes(goalId));
    expect(others.length).toBeGreaterThan(0);
    copenhagenGoalId = others[0];
  }, 60_000);

  it('the printed Frederiksberg operator sees Frederiksberg only', async () => {
    const operator = await (await browser.newContext()).newPage();
    await signIn(operator, printed.consoleUrl, printed.operator.email, printed.operator.password);
    await operator.locator(`tr[data-goal-id="${printed.goalId}"]`).first().waitFor();
    // The demo goal may be listed twice (under "Mine mål" and without a plan); the Frederiksberg plan's goals are there too, and nothing else is.
    expect((await goalIdsOnBoard(operator)).sort()).toEqual([...frederiksbergGoalIds].sort());
    expect(await operator.locator('#filter-municipality').count()).toBe(0);
    expect(await operator.locator('main').textContent()).not.toContain('København');
    const page = await operator.goto(`${printed.consoleUrl}/goals/${copenhagenGoalId}`);
    expect(page?.status()).toBe(404);
    await operator.goto(`${printed.consoleUrl}/data/imports`);
    expect(await operator.getByRole('link', { name: 'breach.csv' }).count()).toBe(1);
    expect(await operator.getByRole('link', { name: 'koebenhavn-juli-2021.csv' }).count()).toBe(0);
    await operator.context().close();
  }, 60_000);

  it("shows Frederiksberg's plan on the printed public page, without signing in and without the demo goal", async () => {
    const response = await fetch(printed.publicPage);
    expect(response.status).toBe(200);
    const html = await response.text();
    expect(html).toContain('Beskæftigelsesplan 2022');
    expect(html).toContain('UGV-3');
    expect(html).not.toContain(printed.goalId);
  });

  it('stops on SIGINT with exit code 0 and leaves no process or port behind', async () => {
    start.kill('SIGINT');
    const { code, signal } = await exited;
    expect({ code, signal }).toEqual({ code: 0, signal: null });
    expect(stdout).toContain('stopping services');
    expect(processesOfThisRun()).toEqual([]);
    const ports = Array.from({ length: 8 }, (_, i) => portBase + 1 + i);
    expect(await Promise.all(ports.map(canListen))).toEqual(ports.map(() => true));
  }, 30_000);
});
