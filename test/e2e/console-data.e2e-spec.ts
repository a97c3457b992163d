import http from 'node:http';
import { Client } from 'pg';
import type { Page } from 'playwright-core';
import {
  checkPage,
  ConsoleSystem,
  JobindsatsFake,
  launchBrowser,
  recordedJobindsats,
  signIn,
  signUserToken,
  startConsoleSystem,
  TestBrowser,
  waitUntil,
} from '@pejling/testing';

const OPERATOR = {
  email: 'olga@pejling.test',
  name: 'Olga Operatør',
  role: 'operator' as const,
  municipalities: '*',
  password: 'operator-password-123',
};
const VIEWER = {
  email: 'vera@pejling.test',
  name: 'Vera Læser',
  role: 'viewer' as const,
  municipalities: '*',
  password: 'viewer-password-1234',
};
const FREDERIKSBERG = {
  email: 'frida@frederiksberg.test',
  name: 'Frida Frederiksberg',
  role: 'operator' as const,
  municipalities: '147',
  password: 'frederiksberg-pw-123',
};

/** A table row as the page's script sees it (this spec compiles without the DOM types). */
type TableRow = { querySelectorAll(selector: string): ArrayLike<{ textContent: string | null }> };

const HEADER = 'Område;Periode;Ydelse;Fuldtidspersoner';
/** One bad line (line 3: a municipality that does not exist) among good ones. */
const ONE_BAD_LINE = [HEADER, 'Gentofte;2021M07;A-dagpenge;900', 'Atlantis;2021M07;A-dagpenge;1', 'Gentofte;2021M07;Sygedagpenge;412'].join(
  '\n',
);
/** Frederiksberg's Bilag 1 as printed: the Delsum 1.328 disagrees with its parts (1.217 + 106), a group-total flag. */
const GOOD = [
  HEADER,
  'Frederiksberg;2021M07;Sygedagpenge;1.217',
  'Frederiksberg;2021M07;Jobafklaringsforløb;106',
  'Frederiksberg;2021M07;Sygedagpenge mv.;1.328',
].join('\r\n');
/** The same month revised: sygedagpenge 1.217 → 1.220. */
const REVISED = [
  HEADER,
  'Frederiksberg;2021M07;Sygedagpenge;1.220',
  'Frederiksberg;2021M07;Jobafklaringsforløb;106',
  'Frederiksberg;2021M07;Sygedagpenge mv.;1.328',
].join('\r\n');
const KOEBENHAVN = [HEADER, 'Frederiksberg;2021M08;Sygedagpenge;1.230', 'København;2021M08;Sygedagpenge;5.400'].join('\n');

/**
 * Page 4, Data, in real Chromium against the four real services, the broker, PostgreSQL, SMTP
 * and a local Jobindsats API (recorded responses): uploads through the file input and by drop,
 * the import audit list, revisions, quality flags, pulls, roles and scope. One system start.
 */
describe('console Data page (browser)', () => {
  const jobindsats = new JobindsatsFake();
  let system: ConsoleSystem;
  let browser: TestBrowser;
  let db: Client;
  let operator: Page;

  beforeAll(async () => {
    const jobindsatsUrl = await jobindsats.start();
    jobindsats.serve('y07a02', {
      tables: recordedJobindsats('y07a02.tables.json'),
      data: recordedJobindsats('y07a02.data.json'),
      lastModified: 'Wed, 01 Sep 2021 06:00:00 GMT',
    });
    system = await startConsoleSystem({
      JOBINDSATS_BASE_URL: jobindsatsUrl,
      JOBINDSATS_API_KEY: 'recorded-test-key',
      JOBINDSATS_PULLS: JSON.stringify([{ table: 'y07a02', cron: '0 6 * * 1-5', periods: { latest: 13 }, kind: 'month' }]),
      PULL_MAX_ATTEMPTS: '2',
      PULL_BACKOFF_MS: '50',
    });
    await Promise.all([OPERATOR, VIEWER, FREDERIKSBERG].map((user) => system.createUser(user)));
    db = new Client({ connectionString: system.world.databaseUrl });
    await db.connect();
    browser = await launchBrowser();
    operator = await (await browser.newContext()).newPage();
    await signIn(operator, system.consoleUrl, OPERATOR.email, OPERATOR.password);
  }, 240_000);

  afterAll(async () => {
    await db?.end();
    await browser?.close();
    await system?.stop();
    await jobindsats.stop();
  }, 60_000);

  const expectAccessible = async (page: Page, name: string) => expect(await checkPage(page, name)).toEqual([]);
  const resultOf = async (page: Page) => {
    const result = page.locator('#upload-result .import-result');
    await result.waitFor({ timeout: 30_000 });
    return result;
  };
  const uploadWithInput = async (page: Page, name: string, csv: string, policy?: RegExp) => {
    await page.goto(`${system.consoleUrl}/data`);
    await page.getByLabel(/^CSV-fil/).setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    if (policy) await page.getByLabel(policy).check();
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    return resultOf(page);
  };
  const rows = (page: Page, selector: string) =>
    page
      .locator(`${selector} tbody tr`)
      .evaluateAll((trs: TableRow[]) =>
        trs.map((tr) => Array.from(tr.querySelectorAll('th, td')).map((cell) => (cell.textContent ?? '').replace(/\s+/g, ' ').trim())),
      );
  const audit = async (action: string) =>
    (
      await db.query(`SELECT actor_email, action, target_type, target_id, details FROM console.audit_log WHERE action = $1 ORDER BY id`, [
        action,
      ])
    ).rows;

  it('shows a bad line with its field and reason after an upload through the file input, and stores nothing under all-or-nothing', async () => {
    await operator.goto(`${system.consoleUrl}/data`);
    await expect(operator.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Upload tal (CSV)');
    // The progress bar is there (hidden until a file is sent) and the drop zone names the file input.
    await expect(operator.locator('#upload-progress-bar').count()).resolves.toBe(1);

    const result = await uploadWithInput(operator, 'gentofte-med-fejl.csv', ONE_BAD_LINE);
    await expect(result.getAttribute('data-status')).resolves.toBe('rejected');
    await expect(result.textContent()).resolves.toContain('intet er gemt');
    expect(await rows(operator, '#upload-result .errors-table')).toEqual([
      ['3', 'Kommune (municipality)', "'Atlantis' is neither a municipality code or name nor the whole country ('Hele landet')"],
    ]);
    expect(await rows(operator, '#upload-result .counts-table')).toEqual([['3', '0', '0', '0', '0', '1']]);
    await expectAccessible(operator, 'data-upload-rejected');

    // Nothing stored: Gentofte's a-dagpenge has no figures.
    await operator.goto(`${system.consoleUrl}/data/revisions?series=a-dagpenge&municipality=157`);
    await expect(operator.getByRole('status').textContent()).resolves.toContain('Der er ingen tal for denne serie og kommune');
    const [entry] = await audit('import.uploaded');
    expect(entry).toMatchObject({
      actor_email: OPERATOR.email,
      target_type: 'import',
      details: { filename: 'gentofte-med-fejl.csv', status: 'rejected', policy: 'all-or-nothing' },
    });
  });

  it('keeps the valid rows under accept-valid', async () => {
    const result = await uploadWithInput(operator, 'gentofte-gyldige.csv', ONE_BAD_LINE, /Gem de gyldige rækker/);
    await expect(result.getAttribute('data-status')).resolves.toBe('accepted');
    expect(await rows(operator, '#upload-result .counts-table')).toEqual([['3', '2', '0', '0', '0', '1']]);
    expect(await rows(operator, '#upload-result .errors-table')).toHaveLength(1);
  });

  it('uploads a dropped file with progress, shows its quality flag, lists it among the imports and opens its record', async () => {
    await operator.goto(`${system.consoleUrl}/data`);
    // A drop as the browser makes it: a DataTransfer holding a File (built in the page; the spec has no DOM types).
    const dataTransfer = await operator.evaluateHandle((csv) => {
      const page = globalThis as unknown as {
        DataTransfer: new () => { items: { add(file: unknown): void } };
        File: new (parts: string[], name: string, options: { type: string }) => unknown;
      };
      const transfer = new page.DataTransfer();
      transfer.items.add(new page.File([csv], 'frederiksberg-bilag-1.csv', { type: 'text/csv' }));
      return transfer;
    }, GOOD);
    await operator.dispatchEvent('#dropzone', 'drop', { dataTransfer });
    await expect(operator.locator('#chosen-file').textContent()).resolves.toBe('Valgt fil: frederiksberg-bilag-1.csv');
    await operator.getByRole('button', { name: 'Upload', exact: true }).click();
    const result = await resultOf(operator);
    await expect(result.getAttribute('data-status')).resolves.toBe('accepted');
    await expect(operator.locator('#upload-progress-bar').evaluate((bar) => (bar as unknown as { value: number }).value)).resolves.toBe(
      100,
    );
    expect(await rows(operator, '#upload-result .counts-table')).toEqual([['3', '3', '0', '0', '1', '0']]);
    const [flag] = await rows(operator, '#upload-result .flags-table');
    expect(flag).toEqual([
      'Total ≠ delene',
      'Sygedagpenge mv.',
      'Frederiksberg',
      'juli 2021',
      '1.328',
      'Sygedagpenge mv. juli 2021 er opgjort til 1.328, men delene summerer til 1.323 (forskel 5).',
      'ja',
    ]);
    await expectAccessible(operator, 'data-upload-result');

    await operator.goto(`${system.consoleUrl}/data/imports`);
    const listed = await rows(operator, '.imports-table');
    expect(listed.map((row) => row[1])).toEqual([
      'frederiksberg-bilag-1.csv (jobindsats, alt eller intet)',
      'gentofte-gyldige.csv (jobindsats, gem de gyldige)',
      'gentofte-med-fejl.csv (jobindsats, alt eller intet)',
    ]);
    expect(listed[0]).toEqual([
      expect.stringMatching(/^\d+\. \w+\.? 20\d\d/),
      expect.any(String),
      'Gemt',
      OPERATOR.email,
      '3',
      '0',
      'Frederiksberg',
    ]);
    await expectAccessible(operator, 'data-imports');

    await operator.getByRole('link', { name: 'frederiksberg-bilag-1.csv' }).click();
    await expect(operator.getByRole('heading', { level: 1 }).textContent()).resolves.toBe(
      'Resultat af importen: frederiksberg-bilag-1.csv',
    );
    expect(await rows(operator, '.counts-table')).toEqual([['3', '3', '0', '0', '1', '0']]);
    await expectAccessible(operator, 'data-import-detail');
  });

  it('shows a figure’s revision after a second upload with a changed value', async () => {
    const result = await uploadWithInput(operator, 'frederiksberg-rettet.csv', REVISED);
    await expect(result.getAttribute('data-status')).resolves.toBe('accepted');
    expect(await rows(operator, '#upload-result .counts-table')).toEqual([['3', '0', '1', '2', '0', '0']]);

    await operator.goto(`${system.consoleUrl}/data/revisions`);
    await expect(operator.getByRole('status').textContent()).resolves.toContain('Vælg en serie og en kommune');
    await operator.getByLabel('Serie', { exact: true }).selectOption({ label: 'Sygedagpenge' });
    await operator.getByLabel('Kommune', { exact: true }).selectOption({ label: 'Frederiksberg' });
    await operator.getByRole('button', { name: 'Vis tal' }).click();
    await operator.waitForURL(/series=sygedagpenge&municipality=147/);
    const [july] = await rows(operator, '.revisions-table');
    expect(july).toEqual(['juli 2021', '1.220', 'jobindsats', '1', expect.stringMatching(/^1\.217 → 1\.220 \(\d+\. \w+\.? 20\d\d/)]);
    await expectAccessible(operator, 'data-revisions');

    // A series that is not in the catalogue names the field.
    await operator.goto(`${system.consoleUrl}/data/revisions?series=nope&municipality=147`);
    await expect(operator.locator('#error-series').textContent()).resolves.toContain('Serie: Vælg en serie fra listen.');
  });

  it('lists the quality flags with counts per check and filters them by municipality and check', async () => {
    await operator.goto(`${system.consoleUrl}/data/quality`);
    await expect(operator.locator('.counts li[data-check="group-total"] .count').textContent()).resolves.toBe('1');
    expect(await rows(operator, '.quality-table')).toEqual([
      [
        'Total ≠ delene',
        'Frederiksberg',
        'Sygedagpenge mv.',
        'juli 2021',
        '1.328',
        expect.stringMatching(/delene summerer til 1\.32[36]/),
        expect.any(String),
        'åben',
      ],
    ]);
    await expectAccessible(operator, 'data-quality');

    await operator.getByLabel('Kontrol', { exact: true }).selectOption({ label: 'Spring' });
    await operator.getByRole('button', { name: 'Vis', exact: true }).click();
    await operator.waitForURL(/check=jump/);
    await expect(operator.getByRole('status').textContent()).resolves.toContain('Ingen markeringer passer til filtrene');
    await operator.goto(`${system.consoleUrl}/data/quality?municipality=101`);
    await expect(operator.locator('.quality-table').count()).resolves.toBe(0);
  });

  it('refuses København rows to a Frederiksberg-scoped operator with the service’s reason, and hides København’s imports from them', async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, system.consoleUrl, FREDERIKSBERG.email, FREDERIKSBERG.password);
    await page.goto(`${system.consoleUrl}/data`);
    await expect(page.locator('.notice-info').first().textContent()).resolves.toContain('Du kan kun uploade tal for Frederiksberg');
    const result = await uploadWithInput(page, 'med-koebenhavn.csv', KOEBENHAVN, /Gem de gyldige rækker/);
    await expect(result.getAttribute('data-status')).resolves.toBe('rejected');
    await expect(result.textContent()).resolves.toContain('uden for de kommuner, du har adgang til');
    expect(await rows(page, '#upload-result .errors-table')).toEqual([
      ['3', 'Kommune (municipality)', 'municipality 101 is outside your scope (147)'],
    ]);
    // Nothing stored, whatever the policy: Frederiksberg's August is not there either.
    await page.goto(`${system.consoleUrl}/data/revisions?series=sygedagpenge&municipality=147`);
    expect((await rows(page, '.revisions-table')).map((row) => row[0])).toEqual(['juli 2021']);
    // Gentofte's imports are out of scope; Frederiksberg's and the user's own are listed.
    await page.goto(`${system.consoleUrl}/data/imports`);
    const files = (await rows(page, '.imports-table')).map((row) => row[1]);
    expect(files).toEqual(
      expect.arrayContaining([expect.stringContaining('med-koebenhavn.csv'), expect.stringContaining('frederiksberg-rettet.csv')]),
    );
    expect(files.some((file) => file.includes('gentofte'))).toBe(false);
    await page.context().close();
  });

  it('speaks English after the switch, with the same figures', async () => {
    await operator.goto(`${system.consoleUrl}/data/revisions?series=sygedagpenge&municipality=147`);
    await operator.getByRole('link', { name: 'English' }).click();
    await expect(operator.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Figures and revisions');
    const [july] = await rows(operator, '.revisions-table');
    expect(july.slice(0, 4)).toEqual(['July 2021', '1,220', 'jobindsats', '1']);
    await operator.getByRole('link', { name: 'Dansk' }).click();
  });

  it('runs a Jobindsats pull now and shows its outcome among the recent runs, recorded in the audit log', async () => {
    await operator.goto(`${system.consoleUrl}/data/pulls`);
    const [schedule] = await rows(operator, '.pulls-table');
    expect(schedule.slice(0, 6)).toEqual([
      'y07a02',
      '0 6 * * 1-5',
      expect.stringMatching(/06[.:]00$/),
      'alle',
      'de seneste 13 (month)',
      'aldrig kørt',
    ]);
    await expect(operator.getByRole('status').textContent()).resolves.toContain('Ingen hentning er kørt endnu');
    const runNow = operator.locator('tr[data-table="y07a02"] button');
    await expect(runNow.textContent()).resolves.toBe('Kør nu: y07a02');
    await runNow.click();
    await expect(operator.locator('#pull-started').textContent()).resolves.toContain('Hentningen af y07a02 er startet');
    await waitUntil(
      async () => {
        await operator.goto(`${system.consoleUrl}/data/pulls`);
        return (
          (await operator.locator('.runs-table tbody tr').count()) > 0 &&
          ((await operator.locator('.runs-table').textContent()) ?? '').includes('Lykkedes')
        );
      },
      30_000,
      'the pull to succeed',
    );
    const [run] = await rows(operator, '.runs-table');
    expect(run.slice(1, 5)).toEqual(['y07a02', 'manuelt', '1', expect.stringMatching(/^Lykkedes import/)]);
    expect(jobindsats.requests.some((request) => request.path === '/v2/data/y07a02/json')).toBe(true);
    await expectAccessible(operator, 'data-pulls');
    expect(await audit('pull.run-requested')).toEqual([
      expect.objectContaining({ actor_email: OPERATOR.email, target_type: 'pull', details: { table: 'y07a02' } }),
    ]);
  });

  it('shows a viewer the data but no upload form and no run-now button; the services refuse a viewer anyway', async () => {
    const page = await (await browser.newContext()).newPage();
    await signIn(page, system.consoleUrl, VIEWER.email, VIEWER.password);
    await page.goto(`${system.consoleUrl}/data`);
    await expect(page.locator('#upload-form').count()).resolves.toBe(0);
    await expect(page.getByRole('status').textContent()).resolves.toContain('kun operatører og administratorer kan uploade');
    await expectAccessible(page, 'data-upload-viewer');
    await page.goto(`${system.consoleUrl}/data/pulls`);
    await expect(page.getByRole('button', { name: /Kør/ }).count()).resolves.toBe(0);
    await expect(page.locator('.runs-table tbody tr').count()).resolves.toBeGreaterThan(0);
    await page.goto(`${system.consoleUrl}/data/imports`);
    await expect(page.locator('.imports-table tbody tr').count()).resolves.toBeGreaterThan(0);

    // The console's own routes refuse a viewer's forged posts, and so do the services with a viewer's token.
    const csrf = (await page.locator('meta[name="csrf-token"]').getAttribute('content')) ?? '';
    const viaConsole = await page.request.post(`${system.consoleUrl}/data/pulls/y07a02/run`, { form: { _csrf: csrf }, maxRedirects: 0 });
    expect(viaConsole.status()).toBe(403);
    const token = await signUserToken({ role: 'viewer', municipalities: ['*'], email: VIEWER.email });
    const direct = await fetch(`${system.urls.ingest}/v1/pulls/y07a02/run`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(direct.status).toBe(403);
    const upload = await fetch(`${system.urls.ingest}/v1/imports?source=jobindsats`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
      body: GOOD,
    });
    expect(upload.status).toBe(403);
    await page.context().close();
  });

  it('pages through the imports with “older” and back to the newest', async () => {
    const token = await signUserToken({ role: 'operator', municipalities: ['*'], email: OPERATOR.email });
    for (let n = 1; n <= 20; n++) {
      const response = await fetch(`${system.urls.ingest}/v1/imports?source=jobindsats&filename=bulk-${n}.csv`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'text/csv' },
        body: `${HEADER}\nDragør;2021M03;Sygedagpenge;141\n`,
      });
      expect(response.status).toBe(201);
    }
    await operator.goto(`${system.consoleUrl}/data/imports`);
    const first = await rows(operator, '.imports-table');
    expect(first).toHaveLength(25);
    expect(first[0][1]).toContain('bulk-20.csv');
    await operator.getByRole('link', { name: 'Ældre importer' }).click();
    await operator.waitForURL(/before=/);
    expect((await rows(operator, '.imports-table')).map((row) => row[1])).toEqual([expect.stringContaining('gentofte-med-fejl.csv')]);
    await expect(operator.getByRole('link', { name: 'Ældre importer' }).count()).resolves.toBe(0);
    // Counted once the newest page has loaded (counting during the navigation saw a half-parsed table).
    await Promise.all([
      operator.waitForURL((url) => !url.searchParams.has('before'), { waitUntil: 'load' }),
      operator.getByRole('link', { name: 'Nyeste importer' }).click(),
    ]);
    await expect(operator.locator('.imports-table tbody tr').count()).resolves.toBe(25);
  });

  it('refuses a file over the upload limit before reading it, naming the field', async () => {
    await operator.goto(`${system.consoleUrl}/data`);
    const csrf = (await operator.locator('meta[name="csrf-token"]').getAttribute('content')) ?? '';
    const session = (await operator.context().cookies()).find((cookie) => cookie.name === 'pejling_session');
    const url = new URL(`${system.consoleUrl}/data/imports?policy=all-or-nothing&filename=huge.csv`);
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const request = http.request(
        url,
        {
          method: 'POST',
          headers: {
            cookie: `pejling_session=${session?.value}`,
            'x-csrf-token': csrf,
            'hx-request': 'true',
            'content-type': 'text/csv',
            'content-length': String(200 * 1024 * 1024),
          },
        },
        (response) => {
          let body = '';
          response.on('data', (chunk: Buffer) => (body += chunk.toString()));
          response.on('end', () => {
            resolve({ status: response.statusCode ?? 0, body });
            request.destroy();
          });
        },
      );
      request.on('error', reject);
      request.flushHeaders();
    });
    expect(answer.status).toBe(413);
    expect(answer.body).toContain('CSV-fil: Filen er for stor: højst 100 MB');
  });
});
