import { addMonths } from '@pejling/domain-kernel';
import {
  apiClient,
  createTestWorld,
  RunningService,
  signUserToken,
  startService,
  TEST_CONSOLE_TOKEN_SECRET,
  TestWorld,
} from '@pejling/testing';
import { ingestApp } from './ingest.app';

const history = (municipality: string) =>
  Array.from({ length: 14 }, (_, index) => ({
    municipality,
    series: 'a-dagpenge',
    period: addMonths('2020-01', index),
    value: 800 + (index % 3) * 7 + index,
    unit: 'full-time-persons',
    source: 'jobindsats',
  }));
const figure = (municipality: string, period: string, value: number) => ({
  municipality,
  series: 'a-dagpenge',
  period,
  value,
  unit: 'full-time-persons',
  source: 'jobindsats',
});

const csv = (rows: string[]) => ['Område;Periode;Ydelse;Fuldtidspersoner', ...rows].join('\r\n');

/** Console users against the ingest API: roles, municipality scope, imports list and revisions. */
describe('ingest for console users (real PostgreSQL and Kafka)', () => {
  let world: TestWorld;
  let ingest: RunningService;
  let admin: ReturnType<typeof apiClient>;
  let frbToken: string;
  let frb: ReturnType<typeof apiClient>;
  let kbhImport: string;

  const upload = async (token: string, body: string, query = 'source=jobindsats', filename?: string) => {
    const form = new FormData();
    const init: RequestInit = { method: 'POST', headers: { authorization: `Bearer ${token}` } };
    if (filename) {
      form.append('file', new Blob([body], { type: 'text/csv' }), filename);
      init.body = form;
    } else {
      init.body = body;
      (init.headers as Record<string, string>)['content-type'] = 'text/csv';
    }
    const response = await fetch(`${ingest.baseUrl}/v1/imports?${query}`, init);
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON bodies
    return { status: response.status, body: (await response.json()) as any };
  };
  const count = async () => Number((await ingest.dataSource.query('SELECT count(*) AS n FROM figures'))[0].n);

  beforeAll(async () => {
    world = await createTestWorld({ CONSOLE_TOKEN_SECRET: TEST_CONSOLE_TOKEN_SECRET });
    ingest = await startService(ingestApp, world.env);
    admin = apiClient(ingest.baseUrl, await world.apiKey('admin'));
    frbToken = await signUserToken({ role: 'operator', municipalities: ['147'], email: 'frida@frederiksberg.example' });
    frb = apiClient(ingest.baseUrl, frbToken);
    for (const municipality of ['147', '101']) {
      expect((await admin.post('/v1/figures', { figures: history(municipality) })).status).toBe(201);
      // A missing month (2021-04) raises a quality flag in each municipality.
      expect((await admin.post('/v1/figures', { figures: [figure(municipality, '2021-05', 830)] })).body).toMatchObject({ flagged: 1 });
    }
    const kbh = await upload(
      await world.apiKey('admin'),
      csv(['København;2021M06;A-dagpenge;9.100']),
      'source=jobindsats',
      'koebenhavn-juni.csv',
    );
    expect(kbh.status).toBe(201);
    kbhImport = kbh.body.id;
  });

  afterAll(async () => {
    await ingest?.close();
    await world?.cleanup();
  });

  it('does not show a Frederiksberg operator København imports or quality flags', async () => {
    expect((await admin.get('/v1/imports')).body.map((record: { id: string }) => record.id)).toContain(kbhImport);
    expect((await frb.get('/v1/imports')).body.map((record: { id: string }) => record.id)).not.toContain(kbhImport);
    expect((await frb.get('/v1/imports?municipality=101')).body).toEqual([]);
    expect((await frb.get(`/v1/imports/${kbhImport}`)).status).toBe(404);
    const flags = (await frb.get('/v1/quality-flags?status=all')).body;
    expect(flags.flags.length).toBeGreaterThan(0);
    expect(new Set(flags.flags.map((flag: { municipality: string }) => flag.municipality))).toEqual(new Set(['147']));
    expect((await frb.get('/v1/quality-flags?municipality=101')).body).toEqual({ counts: [], flags: [] });
    expect((await admin.get('/v1/quality-flags?municipality=101')).body.flags).toEqual(
      expect.arrayContaining([expect.objectContaining({ municipality: '101', check: 'missing-period' })]),
    );
  });

  it('shows every principal the published figures and their revisions, also of København', async () => {
    expect((await frb.get('/v1/figures?municipality=101')).body.length).toBe(16);
    expect((await admin.post('/v1/figures', { figures: [figure('101', '2021-05', 845)] })).body).toMatchObject({ revised: 1 });
    const revisions = (await frb.get('/v1/figures/revisions?municipality=101&series=a-dagpenge&period=2021-05')).body;
    expect(revisions).toEqual([
      expect.objectContaining({
        municipality: '101',
        series: 'a-dagpenge',
        period: '2021-05',
        value: 845,
        revision: 2,
        revisions: [
          expect.objectContaining({
            revision: 2,
            previousValue: 830,
            value: 845,
            batchId: expect.any(String),
            revisedAt: expect.any(String),
          }),
        ],
      }),
    ]);
    const unrevised = (await frb.get('/v1/figures/revisions?municipality=147&period=2021-05')).body;
    expect(unrevised).toEqual([expect.objectContaining({ value: 830, revisions: [] })]);
    expect((await frb.get('/v1/figures/revisions')).status).toBe(400);
  });

  it('lets a Frederiksberg operator import its own rows, listed with the file name and its email', async () => {
    const own = await upload(frbToken, csv(['Frederiksberg;2021M06;A-dagpenge;2.001']), 'source=jobindsats', 'frederiksberg-juni.csv');
    expect(own.status).toBe(201);
    expect(own.body).toMatchObject({
      status: 'accepted',
      author: 'frida@frederiksberg.example',
      filename: 'frederiksberg-juni.csv',
      municipalities: ['147'],
    });
    const listed = (await frb.get('/v1/imports')).body;
    expect(listed[0]).toEqual({
      id: own.body.id,
      createdAt: expect.any(String),
      author: 'frida@frederiksberg.example',
      filename: 'frederiksberg-juni.csv',
      source: 'jobindsats',
      policy: 'all-or-nothing',
      status: 'accepted',
      accepted: 1,
      rejected: 0,
      municipalities: ['147'],
    });
    expect((await frb.get(`/v1/imports/${own.body.id}`)).body).toMatchObject({ id: own.body.id, rows: { total: 1, created: 1 } });
    const older = (await admin.get(`/v1/imports?before=${encodeURIComponent(listed[0].createdAt)}`)).body;
    expect(older.map((record: { id: string }) => record.id)).not.toContain(own.body.id);
    expect(older.map((record: { id: string }) => record.id)).toContain(kbhImport);
  });

  it('refuses a Frederiksberg operator any København row, storing nothing, whatever the policy', async () => {
    const before = await count();
    const mixed = await upload(
      frbToken,
      csv(['Frederiksberg;2021M07;A-dagpenge;2.010', 'København;2021M07;A-dagpenge;9.200']),
      'source=jobindsats&policy=accept-valid',
    );
    expect(mixed.status).toBe(422);
    expect(mixed.body).toMatchObject({ status: 'rejected', rows: { created: 0 } });
    expect(mixed.body.errors).toEqual([{ line: 3, field: 'municipality', reason: 'municipality 101 is outside your scope (147)' }]);
    expect(mixed.body.message).toContain('outside your municipalities');
    const json = await frb.post('/v1/figures', { figures: [figure('147', '2021-07', 2010), figure('101', '2021-07', 9200)] });
    expect(json.status).toBe(403);
    expect(json.body.message).toBe('You may not post figures for municipality 101; nothing was stored.');
    expect(json.body.errors).toEqual([{ row: 1, field: 'municipality', reason: 'municipality 101 is outside your scope (147)' }]);
    expect(await count()).toBe(before);
    expect((await frb.post('/v1/figures', { figures: [figure('147', '2021-07', 2010)] })).status).toBe(201);
  });

  it('lets operators import and run pulls, and refuses viewers', async () => {
    const viewer = await signUserToken({ role: 'viewer', municipalities: ['*'] });
    expect((await upload(viewer, csv(['Frederiksberg;2021M08;A-dagpenge;2.011']))).status).toBe(403);
    expect((await apiClient(ingest.baseUrl, viewer).post('/v1/figures', { figures: [figure('147', '2021-08', 1)] })).status).toBe(403);
    expect((await apiClient(ingest.baseUrl, viewer).post('/v1/pulls/y07a02/run', {})).status).toBe(403);
    // The operator passes the guard; this test service has no Jobindsats key configured, so the run itself is refused with 400.
    const run = await frb.post('/v1/pulls/y07a02/run', {});
    expect(run.status).not.toBe(403);
    expect(run.body.message).toContain('JOBINDSATS_API_KEY');
    expect((await apiClient(ingest.baseUrl, viewer).get('/v1/imports')).status).toBe(200);
  });

  it('refuses user tokens with 401 when the service has no CONSOLE_TOKEN_SECRET', async () => {
    const { CONSOLE_TOKEN_SECRET: _secret, ...env } = world.env;
    const keysOnly = await startService(ingestApp, env);
    try {
      const refused = await apiClient(keysOnly.baseUrl, frbToken).get('/v1/imports');
      expect(refused.status).toBe(401);
      expect(refused.body.message).toContain('CONSOLE_TOKEN_SECRET is not set');
      expect((await apiClient(keysOnly.baseUrl, await world.apiKey('viewer')).get('/v1/imports')).status).toBe(200);
    } finally {
      await keysOnly.close();
    }
  });
});
