import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import type { Page } from 'playwright-core';
import {
  apiClient,
  checkPage,
  ConsoleSystem,
  launchBrowser,
  repoRoot,
  signIn,
  startConsoleSystem,
  TestBrowser,
  waitUntil,
} from '@pejling/testing';

const ANALYST = {
  email: 'analyst@frederiksberg.test',
  name: 'Anne Analytiker',
  role: 'operator' as const,
  municipalities: '147',
  password: 'analyst-password-123',
};
const PLAN_FILE = path.join(repoRoot(), 'plans/frederiksberg-2022.yaml');
const MONTHS = ['2022-01', '2022-02', '2022-03', '2022-04', '2022-05', '2022-06'];
const ACK_NOTE = 'Sygedagpengeteamet gennemgår alle sager over 8 uger i juli og august.';
const COMMENTARY = 'Stigningen i sygedagpenge følger smittebølgen i foråret; forvaltningen følger op i efteråret.';

/**
 * Frederiksberg and the members of its sickness-benefit and unemployment-benefit clusters, built
 * around the plan's own Bilag 1 (July 2021: 1.217 on sygedagpenge, 106 in jobafklaringsforløb,
 * 2.113 on a-dagpenge, 70.400 aged 16-66). In June Frederiksberg's sickness benefit jumps above
 * its cluster's average (Mål E breached), while a-dagpenge stays below the cluster (Mål D met).
 */
function figures(months: readonly string[]) {
  const rows: { municipality: string; series: string; period: string; value: number; unit: string; source: string }[] = [];
  const add = (municipality: string, series: string, period: string, value: number, unit = 'full-time-persons') =>
    rows.push({ municipality, series, period, value, unit, source: 'jobindsats' });
  const members: Record<string, { population: number; sick: number; clarify: number; unemployed: number }> = {
    '157': { population: 48_000, sick: 610, clarify: 70, unemployed: 1_500 },
    '173': { population: 36_000, sick: 500, clarify: 60, unemployed: 1_200 },
    '230': { population: 35_000, sick: 480, clarify: 50, unemployed: 1_100 },
    '101': { population: 470_000, sick: 7_000, clarify: 900, unemployed: 16_000 },
    '751': { population: 250_000, sick: 3_900, clarify: 500, unemployed: 8_000 },
  };
  for (const period of months) {
    const index = MONTHS.indexOf(period);
    const june = period === '2022-06';
    add('147', 'befolkning-16-66', period, 70_400, 'persons');
    add('147', 'sygedagpenge', period, june ? 1_400 : 800 + index * 10);
    add('147', 'jobafklaringsforloeb', period, 106);
    add('147', 'a-dagpenge', period, 2_113 - index * 20);
    for (const [code, member] of Object.entries(members)) {
      add(code, 'befolkning-16-66', period, member.population, 'persons');
      add(code, 'sygedagpenge', period, member.sick + index * 5);
      add(code, 'jobafklaringsforloeb', period, member.clarify);
      add(code, 'a-dagpenge', period, member.unemployed);
    }
  }
  return { figures: rows };
}

function pdfText(pdf: Buffer): { text: string; info: string } {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'pejling-report-'));
  try {
    const file = path.join(dir, 'report.pdf');
    writeFileSync(file, pdf);
    return {
      text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }),
      info: execFileSync('pdfinfo', [file], { encoding: 'utf8' }),
    };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The committee report from data imported through the pipeline: the four services, the console,
 * the broker, PostgreSQL, Redis and a real SMTP server, with the console's clock at 15 August 2022.
 * Importing January–May drafts nothing; the June figures make the draft of 1. halvår 2022; the
 * analyst comments and approves it in the browser; the PDF's text (pdftotext) holds the goals,
 * states, figures and notes; and the committee's recipient gets it by email with the PDF attached.
 */
describe('committee report (browser, real services, Chromium PDF)', () => {
  let system: ConsoleSystem;
  let browser: TestBrowser;
  let analyst: Page;
  let db: Client;
  let reportId: string;
  const drafts = async () =>
    (
      await db.query<{ id: string; period_from: string; period_to: string; trigger: string }>(
        `SELECT id, period_from, period_to, trigger FROM console.reports ORDER BY period_to`,
      )
    ).rows;

  beforeAll(async () => {
    system = await startConsoleSystem({ CLOCK_NOW: '2022-08-15T09:00:00Z', REPORT_SEND_BACKOFF_MS: '200', ALERT_GROUP_WINDOW_MS: '200' });
    db = new Client({ connectionString: system.world.databaseUrl });
    await db.connect();
    const put = await fetch(`${system.urls.goals}/v1/plans/frederiksberg-2022`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${await system.world.apiKey('admin')}`, 'content-type': 'application/yaml' },
      body: readFileSync(PLAN_FILE, 'utf8'),
    });
    expect(put.status).toBe(201);
    await system.createUser(ANALYST);
    browser = await launchBrowser();
    analyst = await (await browser.newContext()).newPage();
    await signIn(analyst, system.consoleUrl, ANALYST.email, ANALYST.password);
  }, 240_000);

  afterAll(async () => {
    await db?.end();
    await browser?.close();
    await system?.stop();
  }, 60_000);

  const goalState = async (planGoalId: string, period: string) => {
    const goals = apiClient(system.urls.goals, await system.world.apiKey('admin'));
    const listed = (await goals.get('/v1/goals?municipality=147')).body as {
      id: string;
      planGoalId: string;
      statePeriod: string | null;
      state: string;
    }[];
    const goal = listed.find((candidate) => candidate.planGoalId === planGoalId);
    return goal && goal.statePeriod === period ? goal : undefined;
  };

  it('drafts nothing while the figures of January–May arrive', async () => {
    const ingest = apiClient(system.urls.ingest, await system.world.apiKey('integrator'));
    expect((await ingest.post('/v1/figures', figures(MONTHS.slice(0, 5)))).status).toBe(201);
    await waitUntil(async () => !!(await goalState('Mål E', '2022-05')), 60_000, 'Mål E judged for May 2022');
    expect(await drafts()).toEqual([]);
  }, 90_000);

  it('drafts the report of 1. halvår 2022 when the June figures are judged', async () => {
    const ingest = apiClient(system.urls.ingest, await system.world.apiKey('integrator'));
    expect((await ingest.post('/v1/figures', figures(MONTHS.slice(5)))).status).toBe(201);
    await waitUntil(async () => (await drafts()).length > 0, 60_000, 'the draft of the June report').catch((error: Error) => {
      throw new Error(
        `${error.message}\n--- console ---\n${system.processes
          .find((process) => process.name === 'console')
          ?.output()
          .slice(-5000)}`,
      );
    });
    expect(await drafts()).toEqual([expect.objectContaining({ period_from: '2022-01', period_to: '2022-06', trigger: 'figures' })]);
    reportId = (await drafts())[0].id;
    expect((await goalState('Mål E', '2022-06'))?.state).toBe('breached');
  }, 90_000);

  it('shows the draft on the reports page and takes the analyst’s commentary', async () => {
    // The owner's acknowledgement of the June breach, with a follow-up note the report prints.
    const notifications = apiClient(system.urls.notifications, await system.world.apiKey('operator'));
    await waitUntil(
      async () => ((await notifications.get('/v1/episodes?status=open')).body as unknown[]).length > 0,
      30_000,
      'the breach episode',
    );
    const [episode] = (await notifications.get('/v1/episodes?status=open')).body as { id: string }[];
    expect(
      (await notifications.post(`/v1/episodes/${episode.id}/acknowledge`, { note: ACK_NOTE, by: 'Sygedagpengeteamet' })).status,
    ).toBeLessThan(300);

    await analyst.goto(`${system.consoleUrl}/reports`);
    expect(await analyst.locator(`tr[data-report="${reportId}"]`).textContent()).toContain('Udkast');
    expect(await checkPage(analyst, 'reports')).toEqual([]);
    await analyst.locator(`tr[data-report="${reportId}"] a`).click();
    await analyst.waitForURL(`**/reports/${reportId}`);
    expect(await analyst.locator('.report-screen h1').textContent()).toBe('Status på Beskæftigelsesplan 2022');
    expect(await analyst.locator('.report-screen').textContent()).toContain('1. halvår 2022');
    const field = analyst.getByRole('textbox', { name: 'Mål for de enkelte ydelsesgrupper' });
    await field.fill(COMMENTARY);
    await Promise.all([analyst.waitForURL(/notice=saved/), analyst.getByRole('button', { name: 'Gem bemærkninger' }).click()]);
    expect(await analyst.locator('.report-screen').textContent()).toContain(COMMENTARY);
    expect(await checkPage(analyst, 'report-draft')).toEqual([]);
  }, 90_000);

  it('prints a tagged PDF with an outline whose text holds every goal, its state, figures and notes', async () => {
    const started = Date.now();
    const response = await analyst.request.get(`${system.consoleUrl}/reports/${reportId}/report.pdf?lang=da`);
    const renderMs = Date.now() - started;
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toBe('application/pdf');
    const pdf = await response.body();
    const { text, info } = pdfText(pdf);
    expect(info).toMatch(/Tagged:\s+yes/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(Number(response.headers()['x-report-pages'])).toBe(pages);
    expect(pdf.toString('latin1')).toContain('/Outlines');
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Status på Beskæftigelsesplan 2022');
    expect(flat).toContain('1. halvår 2022');
    expect(flat).toContain('Arbejdsmarkeds- og Uddannelsesudvalget (AUU)');
    for (const goal of ['Mål A', 'Mål B', 'Mål C', 'Mål D', 'Mål E', 'Mål F', 'Mål G', 'Mål H']) expect(flat).toContain(goal);
    // Mål E: (1.400 + 106) / 70.400 = 2,14 % in June, against the cluster's (157, 173, 230) average.
    const share = (100 * (1400 + 106)) / 70400;
    expect(flat).toContain(`${share.toFixed(1).replace('.', ',')} %`);
    const cluster = (['157', '173', '230'] as const).map(
      (code) => ({ '157': (610 + 25 + 70) / 48000, '173': (500 + 25 + 60) / 36000, '230': (480 + 25 + 50) / 35000 })[code] * 100,
    );
    expect(flat).toContain(`${(cluster.reduce((a, b) => a + b, 0) / cluster.length).toFixed(1).replace('.', ',')} %`);
    expect(flat).toContain('Ikke opfyldt');
    expect(flat).toContain('Opfyldt');
    expect(flat).toContain('Ingen data');
    expect(flat).toContain('Sygedagpenge');
    expect(flat).toContain(ACK_NOTE);
    expect(flat).toContain(COMMENTARY);
    expect(flat).toContain('Hvad har ændret sig siden sidste rapport');
    // Six municipalities have figures: the "national average" is said to be the mean of those.
    expect(flat).toContain('gennemsnittet af 6 af 98 kommuner');
    expect(flat).not.toContain('sygedagpenge@');
    // The closing note reports the render time and page count.
    console.log(`report PDF: ${pages} pages, ${pdf.length} bytes, rendered in ${renderMs} ms`);
  }, 120_000);

  it('is approved in the console, archived, and emailed to the committee with the PDF attached', async () => {
    await analyst.goto(`${system.consoleUrl}/reports/${reportId}`);
    await analyst.getByRole('button', { name: 'Godkend og send rapporten' }).click();
    await analyst.waitForURL(/notice=approved/, { timeout: 60_000 }).catch(async (error: Error) => {
      throw new Error(
        `${error.message}\n${await analyst.locator('main').textContent()}\n--- console ---\n${system.processes
          .find((process) => process.name === 'console')
          ?.output()
          .slice(-4000)}`,
      );
    });
    expect(await analyst.locator('[data-status]').getAttribute('data-status')).toBe('approved');
    await waitUntil(
      () => system.smtp.messages.some((mail) => JSON.stringify(mail.to).includes('auu-sekretariat@frederiksberg.example')),
      60_000,
      'the report email',
    );
    const mail = system.smtp.messages.find((candidate) => JSON.stringify(candidate.to).includes('auu-sekretariat@frederiksberg.example'))!;
    expect(mail.subject).toContain('Status på Beskæftigelsesplan 2022');
    const attachment = mail.attachments.find((candidate) => candidate.contentType === 'application/pdf');
    expect(attachment?.filename).toBe('frederiksberg-2022_2022-01_2022-06.pdf');
    const { text } = pdfText(attachment!.content);
    expect(text.replace(/\s+/g, ' ')).toContain(COMMENTARY);
    expect(text).toMatch(/Godkendt \d+\. august 2022/);
    await waitUntil(
      async () =>
        (await db.query(`SELECT 1 FROM console.report_sends WHERE report_id = $1 AND status = 'sent'`, [reportId])).rowCount === 1,
      10_000,
      'the send marked sent',
    );
    // Approved once: a second approval is refused and nothing is sent twice.
    const again = await analyst.request.post(`${system.consoleUrl}/reports/${reportId}/approve`, {
      form: { _csrf: (await analyst.locator('input[name=_csrf]').first().getAttribute('value')) ?? '' },
    });
    expect([404, 409]).toContain(again.status());
    expect(system.smtp.messages.filter((candidate) => JSON.stringify(candidate.to).includes('auu-sekretariat@')).length).toBe(1);
    expect(await checkPage(analyst, 'report-approved')).toEqual([]);
  }, 150_000);

  it('makes a report on demand from the reports page, and refuses a bad period with the field named', async () => {
    await analyst.goto(`${system.consoleUrl}/reports`);
    await analyst.getByLabel('Første måned').fill('2022-06');
    await analyst.getByLabel('Sidste måned').fill('2022-01');
    await analyst.getByRole('button', { name: 'Lav rapport' }).click();
    expect(await analyst.locator('#error-to').textContent()).toContain('Sidste måned må ikke ligge før første måned');
    await analyst.getByLabel('Første måned').fill('2022-04');
    await analyst.getByLabel('Sidste måned').fill('2022-06');
    await Promise.all([analyst.waitForURL(/notice=created/), analyst.getByRole('button', { name: 'Lav rapport' }).click()]);
    expect(await drafts()).toContainEqual(expect.objectContaining({ period_from: '2022-04', period_to: '2022-06', trigger: 'on-demand' }));
  }, 60_000);

  it('serves integrators the same reports over a REST API with API keys, English PDF included', async () => {
    const api = apiClient(`${system.consoleUrl}/api/v1`, await system.world.apiKey('integrator'));
    const listed = (await api.get('/reports?plan=frederiksberg-2022')).body as { id: string; status: string; links: { pdf: string } }[];
    expect(listed.map((report) => report.id)).toContain(reportId);
    expect(listed.find((report) => report.id === reportId)?.status).toBe('approved');
    const anonymous = await fetch(`${system.consoleUrl}/api/v1/reports`);
    expect(anonymous.status).toBe(401);
    expect(await anonymous.json()).toMatchObject({ statusCode: 401, message: expect.stringContaining('API key') });
    const refused = await api.post('/reports', { planId: 'frederiksberg-2022', from: '2022-12', to: '2022-07' });
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([{ field: 'to', reason: 'may not be before from' }]);
    expect((await api.post('/reports', { planId: 'frederiksberg-2022', from: '2022-07', to: '2022-12', extra: 1 })).status).toBe(422);
    expect((await api.post('/reports', { planId: 'no-such-plan', from: '2022-07', to: '2022-12' })).status).toBe(404);
    const made = await api.post('/reports', { planId: 'frederiksberg-2022', from: '2022-07', to: '2022-12' });
    expect(made.status).toBe(201);
    expect(made.body).toMatchObject({
      planId: 'frederiksberg-2022',
      period: { from: '2022-07', to: '2022-12' },
      status: 'draft',
      trigger: 'on-demand',
    });
    expect((await api.post('/reports', { planId: 'frederiksberg-2022', from: '2022-07', to: '2022-12' })).status).toBe(200);
    const pdf = await fetch(`${system.consoleUrl}/api/v1/reports/${reportId}/report.pdf?lang=en`, {
      headers: { authorization: `Bearer ${await system.world.apiKey('integrator')}` },
    });
    expect(pdf.status).toBe(200);
    const { text } = pdfText(Buffer.from(await pdf.arrayBuffer()));
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Status of Beskæftigelsesplan 2022');
    expect(flat).toContain('H1 2022');
    expect(flat).toContain('Breached');
  }, 90_000);
});
