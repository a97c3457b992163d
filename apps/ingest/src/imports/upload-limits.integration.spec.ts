import { apiClient, createTestWorld, FREDERIKSBERG_JULY_2021, RunningService, startService, TestWorld } from '@pejling/testing';
import { ingestApp } from '../ingest.app';

const HEADER = 'Område;Periode;Ydelse;Fuldtidspersoner\n';

describe('CSV uploads: size limit and spooling before the writers’ lock (real PostgreSQL and Kafka)', () => {
  let world: TestWorld;
  let ingest: RunningService;
  let key: string;

  beforeAll(async () => {
    world = await createTestWorld({ IMPORT_MAX_BYTES: '4096' });
    ingest = await startService(ingestApp, world.env);
    key = await world.apiKey('integrator');
  });

  afterAll(async () => {
    await ingest?.close();
    await world?.cleanup();
  });

  const count = async () => Number((await ingest.dataSource.query('SELECT count(*) AS n FROM figures'))[0].n);
  const upload = (body: string | ReadableStream<Uint8Array>) =>
    fetch(`${ingest.baseUrl}/v1/imports?source=jobindsats`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
      body,
      duplex: 'half',
    } as RequestInit);

  it('refuses a file over IMPORT_MAX_BYTES with 413 and stores nothing', async () => {
    const rows = Array.from(
      { length: 200 },
      (_, i) => `Gentofte;20${String(10 + (i % 11))}M${String((i % 12) + 1).padStart(2, '0')};A-dagpenge;${i}`,
    );
    const response = await upload(HEADER + rows.join('\n'));
    expect(response.status).toBe(413);
    expect(((await response.json()) as { message: string }).message).toMatch(
      /larger than 4096 bytes \(IMPORT_MAX_BYTES\); nothing was stored/,
    );
    expect(await count()).toBe(0);
  });

  it('lets other writers store figures while a slow upload is still arriving', async () => {
    let finish: () => void = () => undefined;
    const slow = new ReadableStream<Uint8Array>({
      async start(controller) {
        controller.enqueue(new TextEncoder().encode(HEADER));
        await new Promise<void>((resolve) => (finish = resolve));
        controller.enqueue(new TextEncoder().encode('Gentofte;2021M07;A-dagpenge;900\n'));
        controller.close();
      },
    });
    const pending = upload(slow);
    await new Promise((resolve) => setTimeout(resolve, 500)); // the upload has begun
    const started = Date.now();
    const batch = await apiClient(ingest.baseUrl, key).post('/v1/figures', { figures: FREDERIKSBERG_JULY_2021 });
    expect(batch.status).toBe(201);
    expect(Date.now() - started).toBeLessThan(3_000);
    finish();
    const imported = await pending;
    expect(imported.status).toBe(201);
    expect(await count()).toBe(FREDERIKSBERG_JULY_2021.length + 1);
  });
});
