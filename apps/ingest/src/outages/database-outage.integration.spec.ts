import { Client } from 'pg';
import {
  apiClient,
  createTestWorld,
  FREDERIKSBERG_JULY_2021,
  PrivatePostgres,
  RunningService,
  startService,
  TestWorld,
  waitUntil,
} from '@pejling/testing';
import { ingestApp } from '../ingest.app';
import { FIGURE_WRITERS_LOCK } from '../persistence/figures.repository';

describe('ingest with PostgreSQL down (a private PostgreSQL server, real Kafka)', () => {
  let pg: PrivatePostgres;
  let world: TestWorld;
  let ingest: RunningService;
  let key: string;

  beforeAll(async () => {
    pg = await PrivatePostgres.start();
    world = await createTestWorld({ DB_STATEMENT_TIMEOUT_MS: '1500', DB_POOL_ACQUIRE_TIMEOUT_MS: '2000' }, pg.adminUrl);
    ingest = await startService(ingestApp, world.env);
    key = await world.apiKey('integrator');
  }, 60_000);

  afterAll(async () => {
    await ingest?.close();
    await world?.cleanup().catch(() => undefined);
    await pg?.remove();
  });

  const api = () => apiClient(ingest.baseUrl, key);
  const figure = (month: string, value: number) => ({ ...FREDERIKSBERG_JULY_2021[0], period: `2021-${month}`, value });
  const count = async () => {
    const client = new Client({ connectionString: world.databaseUrl });
    await client.connect();
    try {
      return (await client.query<{ n: number }>('SELECT count(*)::int AS n FROM ingest.figures')).rows[0].n;
    } finally {
      await client.end();
    }
  };

  it('sets the statement and idle-in-transaction timeouts on its connections', async () => {
    const [settings] = await ingest.dataSource.query(
      "SELECT current_setting('statement_timeout') AS statement, current_setting('idle_in_transaction_session_timeout') AS idle",
    );
    expect(settings).toEqual({ statement: '1500ms', idle: '1min' });
  });

  it('answers 503 with Retry-After naming the database while it is down, stores nothing, and resumes by itself', async () => {
    expect((await api().post('/v1/figures', { figures: [figure('01', 1000)] })).status).toBe(201);
    await pg.stop('immediate');
    try {
      for (const attempt of [
        () => api().post('/v1/figures', { figures: [figure('02', 1001)] }),
        () => api().get('/v1/figures?municipality=147'),
        () => api().get('/v1/imports'),
      ]) {
        const response = await attempt();
        expect(response.status).toBe(503);
        expect(response.headers.get('retry-after')).toBe('5');
        expect(response.body).toMatchObject({ statusCode: 503, dependency: 'database' });
        expect(String((response.body as { message: string }).message)).toMatch(/database is unavailable.*nothing was changed/);
      }
      expect((await fetch(`${ingest.baseUrl}/health`)).status).toBe(503);
    } finally {
      await pg.resume();
    }
    // The pool replaces its dead connections on its own: the next posts succeed without a restart.
    let last = 0;
    await waitUntil(
      async () => (last = (await api().post('/v1/figures', { figures: [figure('03', 1002)] })).status) === 201,
      30_000,
      () => `a 201 after PostgreSQL came back (last status ${last})`,
    );
    expect(await count()).toBe(2); // January and March; February was refused, not half-written
    expect((await fetch(`${ingest.baseUrl}/health`)).status).toBe(200);
  }, 90_000);

  it('answers 503 when a statement runs past the statement timeout, and stores nothing', async () => {
    const holder = new Client({ connectionString: world.databaseUrl });
    await holder.connect();
    try {
      await holder.query('BEGIN');
      await holder.query('SELECT pg_advisory_xact_lock($1)', [FIGURE_WRITERS_LOCK]); // as a long import would
      const started = Date.now();
      const response = await api().post('/v1/figures', { figures: [figure('04', 1003)] });
      expect(response.status).toBe(503);
      expect(response.headers.get('retry-after')).toBe('5');
      expect(Date.now() - started).toBeLessThan(10_000);
    } finally {
      await holder.query('ROLLBACK');
      await holder.end();
    }
    expect((await api().post('/v1/figures', { figures: [figure('04', 1003)] })).status).toBe(201);
    expect(await count()).toBe(3);
  }, 60_000);
});
