import { TOPICS } from '@pejling/contracts';
import { createTestWorld, RunningService, startService, TestWorld, TopicProbe } from '@pejling/testing';
import { ingestApp } from './ingest.app';

/** The whole country ("Hele landet") is an area of its own: stored and published under 000, never as a municipality. */
describe('figures of the whole country (real PostgreSQL and Kafka)', () => {
  let world: TestWorld;
  let ingest: RunningService;
  let key: string;
  let probe: TopicProbe;

  beforeAll(async () => {
    world = await createTestWorld();
    ingest = await startService(ingestApp, world.env);
    key = await world.apiKey('integrator');
    probe = await TopicProbe.start(TOPICS.figures, world.topicPrefix);
  });

  afterAll(async () => {
    await probe?.stop();
    await ingest?.close();
    await world?.cleanup();
  });

  const upload = async (body: string, query = 'source=jobindsats') => {
    const response = await fetch(`${ingest.baseUrl}/v1/imports?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': 'text/csv' },
      body,
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON bodies
    return { status: response.status, body: (await response.json()) as any };
  };
  const countryRows = () =>
    ingest.dataSource.query(`SELECT series, period, value FROM figures WHERE municipality = '000' ORDER BY series, period`);

  it('stores long rows for "Hele landet", "Landsplan" and "Danmark" as the country and publishes them keyed 000 with area country', async () => {
    const csv = [
      'Område;Periode;Ydelse;Fuldtidspersoner',
      'Hele landet;2021M07;Sygedagpenge;66.017',
      'Landsplan;2021M07;Jobafklaringsforløb;9.100',
      'Danmark;2021M07;A-dagpenge;92.000',
      'Frederiksberg;2021M07;Sygedagpenge;1.217',
    ].join('\n');
    const result = await upload(csv);
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ rows: { total: 4, created: 4, rejected: 0 } });
    expect(await countryRows()).toEqual([
      { series: 'a-dagpenge', period: '2021-07', value: 92000 },
      { series: 'jobafklaringsforloeb', period: '2021-07', value: 9100 },
      { series: 'sygedagpenge', period: '2021-07', value: 66017 },
    ]);
    const messages = await probe.waitFor((all) => all.length >= 4);
    const country = messages.filter((message) => message.key === '000');
    expect(country).toHaveLength(3);
    for (const message of country) expect(message.event?.payload).toMatchObject({ area: 'country', municipality: '000' });
    expect(messages.find((message) => message.key === '147')?.event?.payload).toMatchObject({ area: 'municipality' });
  });

  it('revises a country figure like any other, and a wide file with ?area=Hele landet is the country', async () => {
    const wide = ['Ydelse;Juli 2021;August 2021', 'Sygedagpenge;66.100;65.900', 'Befolkningen 16-66 år;3.800.000;3.801.000'].join('\n');
    const result = await upload(wide, `source=jobindsats&area=${encodeURIComponent('Hele landet')}`);
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({ rows: { revised: 1, rejected: 0 } });
    const [revision] = await ingest.dataSource.query(
      `SELECT r.previous_value, r.value FROM figure_revisions r JOIN figures f ON f.id = r.figure_id WHERE f.municipality = '000'`,
    );
    expect(revision).toEqual({ previous_value: 66017, value: 66100 });
    const messages = await probe.waitFor((all) =>
      all.some((message) => message.key === '000' && (message.event?.payload as { previousValue: number | null }).previousValue === 66017),
    );
    expect(
      messages.find((message) => (message.event?.payload as { previousValue: number | null }).previousValue === 66017)?.event?.payload,
    ).toMatchObject({ area: 'country', value: 66100 });
  });

  it('keeps all-or-nothing: a bad country row rejects the file and stores nothing, and regions stay unknown areas', async () => {
    const before = (await countryRows()).length;
    const csv = [
      'Område;Periode;Ydelse;Fuldtidspersoner',
      'Hele landet;2021M09;Sygedagpenge;-5',
      'Region Hovedstaden;2021M09;Sygedagpenge;18.514',
    ].join('\n');
    const result = await upload(csv);
    expect(result.status).toBe(422);
    expect(result.body.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ line: 2, field: 'value' }),
        expect.objectContaining({ line: 3, field: 'municipality', reason: expect.stringMatching(/Region Hovedstaden/) }),
      ]),
    );
    expect((await countryRows()).length).toBe(before);
  });
});
