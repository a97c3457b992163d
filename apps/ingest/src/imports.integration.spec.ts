import fs from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { TOPICS } from '@pejling/contracts';
import { createTestWorld, IDLE, RunningService, startService, TestWorld, TopicProbe, topicSize, waitUntilIdle } from '@pejling/testing';
import { ingestApp } from './ingest.app';

/** Frederiksberg Bilag 1, July 2021, as an analyst exports it: semicolons, BOM, Danish names and numbers. */
const BILAG_1_CSV = [
  '\uFEFFOmråde;Periode;Ydelse;Fuldtidspersoner',
  'Frederiksberg;2021M07;A-dagpenge;2.113',
  'Frederiksberg;2021M07;Sygedagpenge;1.217',
  'Frederiksberg;2021M07;Jobafklaringsforløb;106',
  'Frederiksberg;2021M07;Førtidspension;2.365',
].join('\r\n');

describe('CSV imports (real PostgreSQL and Kafka)', () => {
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

  const upload = async (body: string | Buffer, query = 'source=jobindsats', type = 'text/csv') => {
    const response = await fetch(`${ingest.baseUrl}/v1/imports?${query}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${key}`, 'content-type': type },
      body,
    });
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests read arbitrary JSON bodies
    return { status: response.status, body: (await response.json()) as any };
  };
  const count = async () => Number((await ingest.dataSource.query('SELECT count(*) AS n FROM figures'))[0].n);

  it('imports a seed table exported in Danish format with the right numbers, and publishes them', async () => {
    const result = await upload(BILAG_1_CSV);
    expect(result.status).toBe(201);
    expect(result.body).toMatchObject({
      status: 'accepted',
      encoding: 'utf-8',
      delimiter: ';',
      rows: { total: 4, created: 4, rejected: 0 },
      author: 'test-integrator',
    });
    const stored = await ingest.dataSource.query(`SELECT series, value, period FROM figures WHERE municipality = '147' ORDER BY series`);
    expect(stored).toEqual([
      { series: 'a-dagpenge', value: 2113, period: '2021-07' },
      { series: 'foertidspension', value: 2365, period: '2021-07' },
      { series: 'jobafklaringsforloeb', value: 106, period: '2021-07' },
      { series: 'sygedagpenge', value: 1217, period: '2021-07' },
    ]);
    await probe.waitFor((all) => all.length >= 4);
    expect((await upload(BILAG_1_CSV)).body).toMatchObject({ status: 'accepted', rows: { unchanged: 4, created: 0 } });
    const record = await fetch(`${ingest.baseUrl}/v1/imports/${result.body.id}`, { headers: { authorization: `Bearer ${key}` } });
    expect((await record.json()) as object).toMatchObject({
      id: result.body.id,
      source: 'jobindsats',
      policy: 'all-or-nothing',
      status: 'accepted',
    });
  });

  it('imports Bilag 1 whole, as the plan prints it, and flags every total and change that disagrees with its parts, and nothing else', async () => {
    const table = fs
      .readFileSync(path.resolve(__dirname, '../../../test/fixtures/seeds/frederiksberg-2022-bilag-1.csv'), 'utf8')
      .replace(/\n/g, '\r\n');
    const flagsProbe = await TopicProbe.start(TOPICS.dataQuality, world.topicPrefix);
    try {
      const result = await upload(table, 'source=frederiksberg-bilag-1&municipality=Frederiksberg');
      expect(result.status).toBe(201);
      // 17 rows × 3 period columns ("2021 årsgennemsnit" is the year 2021); the development columns are checked, not stored.
      expect(result.body.rows).toMatchObject({ total: 51, created: 51, rejected: 0, flagged: 5 });
      const july = await ingest.dataSource.query(
        `SELECT series, value FROM figures WHERE source = 'frederiksberg-bilag-1' AND period = '2021-07' ORDER BY series`,
      );
      expect(Object.fromEntries(july.map((row: { series: string; value: number }) => [row.series, row.value]))).toMatchObject({
        'a-dagpenge': 2113,
        'sygedagpenge-mv': 1328,
        'kontanthjaelp-mv': 1154,
        'selvforsoergelses-og-hjemrejseydelse': 159,
        'alle-ydelser': 7884,
      });
      expect(
        await ingest.dataSource.query(
          `SELECT period_kind, value FROM figures WHERE source = 'frederiksberg-bilag-1' AND series = 'alle-ydelser' AND period = '2021'`,
        ),
      ).toEqual([{ period_kind: 'year', value: 8381 }]);

      // Exactly the errors of the goal catalogue (section e), each stored as printed and flagged; the consistent rows raise nothing.
      const expected = [
        [
          'change',
          'alle-ydelser',
          '2021-07',
          -634,
          { row: 'I alt', column: 'Udvikling (Juli-20 – Juli-21)', printed: -634, computed: -641 },
        ],
        ['change', 'kontanthjaelp-mv', '2021-07', 373, { row: 'Delsum (Kontanthjælp mv.)', printed: 373, computed: -373 }],
        [
          'change-percent',
          'alle-ydelser',
          '2021-07',
          -7.4,
          { row: 'I alt', column: 'Udvikling i pct. (Juli-20 – Juli-21)', printed: -7.4, computed: expect.closeTo(-7.519, 3) },
        ],
        ['group-total', 'alle-ydelser', '2021', 8381, { total: 8381, sumOfParts: 8378 }],
        ['group-total', 'sygedagpenge-mv', '2021-07', 1328, { total: 1328, sumOfParts: 1323 }],
      ];
      const stored = await ingest.dataSource.query(
        `SELECT check_kind, series, period, value, details FROM quality_flags WHERE source = 'frederiksberg-bilag-1' AND resolved_at IS NULL ORDER BY check_kind, series, period`,
      );
      expect(
        stored.map((flag: { check_kind: string; series: string; period: string; value: number; details: object }) => [
          flag.check_kind,
          flag.series,
          flag.period,
          flag.value,
          flag.details,
        ]),
      ).toEqual(
        expected.map(([check, series, period, value, details]) => [check, series, period, value, expect.objectContaining(details)]),
      );
      // The import result names each one (row, column, printed and computed), in the response and in the audit record.
      const record = (await (
        await fetch(`${ingest.baseUrl}/v1/imports/${result.body.id}`, { headers: { authorization: `Bearer ${key}` } })
      ).json()) as { flags: unknown[] };
      for (const flags of [result.body.flags, record.flags]) {
        expect(flags).toHaveLength(5);
        expect(flags).toEqual(
          expect.arrayContaining(
            expected.map(([check, series, period, value, details]) =>
              expect.objectContaining({ check, series, period, value, new: true, details: expect.objectContaining(details) }),
            ),
          ),
        );
      }
      expect(result.body.flags).toContainEqual(
        expect.objectContaining({
          check: 'change-percent',
          message: {
            da: expect.stringContaining('udviklingen er opgjort til -7,4 %, men juli 2020 – juli 2021 (8.525 → 7.884) giver -7,52 %'),
            en: expect.any(String),
          },
        }),
      );
      const listed = (await (
        await fetch(`${ingest.baseUrl}/v1/quality-flags?batchId=${result.body.id}&check=change`, {
          headers: { authorization: `Bearer ${key}` },
        })
      ).json()) as { flags: { series: string }[] };
      expect(listed.flags.map((flag) => flag.series).sort()).toEqual(['alle-ydelser', 'kontanthjaelp-mv']);
      await flagsProbe.waitFor(() => flagsProbe.events().filter((event) => event.type === 'figure.flagged').length >= 5);
      expect(
        flagsProbe
          .events()
          .map((event) => [(event.payload as { check: string }).check, (event.payload as { series: string }).series, event.version])
          .sort(),
      ).toEqual(expected.map(([check, series]) => [check, series, 2]).sort());

      // The same file again: nothing new is stored or flagged, and its record still lists the open flags.
      const again = await upload(table, 'source=frederiksberg-bilag-1&municipality=Frederiksberg');
      expect(again.body).toMatchObject({ rows: { unchanged: 51, created: 0, flagged: 0 } });
      expect(again.body.flags.map((flag: { new: boolean }) => flag.new)).toEqual([false, false, false, false, false]);

      // The corrected table settles them: the flags resolve like the others.
      const corrected = table
        .replace('Delsum;1.440;1.136;1.328;', 'Delsum;1.440;1.136;1.323;')
        .replace('Delsum;1.350;1.527;1.154;373;', 'Delsum;1.350;1.527;1.154;-373;')
        .replace('I alt;8.381;8.525;7.884;-634;-7,4%', 'I alt;8.378;8.525;7.884;-641;-7,5%');
      const fixed = await upload(corrected, 'source=frederiksberg-bilag-1&municipality=Frederiksberg');
      expect(fixed.body).toMatchObject({ status: 'accepted', rows: { revised: 2, flagged: 0 }, flags: [] });
      expect(
        await ingest.dataSource.query(
          `SELECT count(*)::int AS n FROM quality_flags WHERE source = 'frederiksberg-bilag-1' AND resolved_at IS NULL`,
        ),
      ).toEqual([{ n: 0 }]);
      expect(
        await ingest.dataSource.query(
          `SELECT count(*)::int AS n FROM quality_flags WHERE source = 'frederiksberg-bilag-1' AND resolved_by_batch = $1`,
          [fixed.body.id],
        ),
      ).toEqual([{ n: 5 }]);
    } finally {
      await flagsProbe.stop();
    }
    expect((await upload(table, 'source=frederiksberg-bilag-1&municipality=Atlantis')).status).toBe(400);
  });

  it('reads Windows-1252 files and comma-separated English headers', async () => {
    const latin = iconv.encode('Kommune;Periode;Ydelse;Antal\nDragør;2021-06;Jobafklaringsforløb;31\n', 'windows-1252');
    expect((await upload(latin)).body).toMatchObject({ status: 'accepted', encoding: 'windows-1252', rows: { created: 1 } });
    const english = 'municipality,period,series,value\n155,2021-06,sygedagpenge,"120"\n';
    expect((await upload(english)).body).toMatchObject({ status: 'accepted', delimiter: ',', rows: { created: 1 } });
    const tabs = 'Kommune\tPeriode\tYdelse\tAntal\n155\t2021Q2\tFleksjob\t12,0\n';
    expect((await upload(tabs)).body).toMatchObject({ status: 'accepted', encoding: 'utf-8', delimiter: '\t', rows: { created: 1 } });
    expect(
      await ingest.dataSource.query(
        `SELECT period, period_kind, period_end, value FROM figures WHERE municipality = '155' AND series = 'fleksjob'`,
      ),
    ).toEqual([{ period: '2021Q2', period_kind: 'quarter', period_end: '2021-06', value: 12 }]);
  });

  it('rejects a file with any bad row whole (lines and fields listed), or keeps the valid rows when asked', async () => {
    await waitUntilIdle(world, IDLE.ingest);
    const before = [await count(), await topicSize(TOPICS.figures, world.topicPrefix)];
    const bad = [
      'Område;Periode;Ydelse;Fuldtidspersoner',
      'Gentofte;2021M07;A-dagpenge;900',
      'Atlantis;2021M07;A-dagpenge;1',
      'Gentofte;2021M13;Sygedagpenge;5',
      'Gentofte;2021M07;Kontanthjælp;=cmd|"/c calc"!A1',
    ].join('\n');
    const rejected = await upload(bad);
    expect(rejected.status).toBe(422);
    expect(rejected.body).toMatchObject({ status: 'rejected', rows: { total: 4, rejected: 3, created: 0 } });
    expect(rejected.body.errors).toEqual([
      { line: 3, field: 'municipality', reason: "'Atlantis' is neither a municipality code or name nor the whole country ('Hele landet')" },
      { line: 4, field: 'period', reason: 'month 13 does not exist' },
      { line: 5, field: 'value', reason: expect.stringMatching(/spreadsheet formula/) },
    ]);
    await waitUntilIdle(world, IDLE.ingest); // anything the upload wrote to the outbox would be on the topic now
    expect([await count(), await topicSize(TOPICS.figures, world.topicPrefix)]).toEqual(before);

    const partial = await upload(bad, 'source=jobindsats&policy=accept-valid');
    expect(partial.status).toBe(201);
    expect(partial.body).toMatchObject({ status: 'accepted', rows: { total: 4, rejected: 3, created: 1 } });
  });

  it.each([
    ['a truncated file (unclosed quote)', 'Kommune;Periode;Ydelse;Antal\n147;2021-07;"sygedagpenge;12', /cannot be read: .*(Quote|quote)/],
    ['the wrong delimiter', 'Kommune|Periode|Ydelse|Antal\n147|2021-07|sygedagpenge|12', /no ';', ',' or tab/],
    ['headers that name no known column', 'a;b;c\n1;2;3', /no column for municipality, series, period, value/],
    ['a header without data rows', 'Område;Periode;Ydelse;Fuldtidspersoner\r\n\r\n', /has a header but no data rows/],
    [
      'a 10 MB single line',
      `Kommune;Periode;Ydelse;Antal\n147;2021-07;sygedagpenge;${'9'.repeat(10 * 1024 * 1024)}`,
      /cannot be read: Max Record Size: .* at line 2/,
    ],
  ])('refuses %s with a clear error and stores nothing', async (_name, body, message) => {
    const before = await count();
    const result = await upload(body);
    expect(result.status).toBe(400);
    expect(result.body.status).toBe('failed');
    expect(result.body.message).toMatch(message);
    expect(await count()).toBe(before);
  });

  it('refuses rows longer than the header and cells with control characters, naming line and column; a trailing empty cell is fine', async () => {
    const before = await count();
    const result = await upload(
      [
        'Område;Periode;Ydelse;Fuldtidspersoner',
        'Gentofte;2021M07;A-dagpenge;900;',
        'Gentofte;2021M07;Sygedagpenge;1;217',
        'Gentofte;2021M07;Kontanthj\u0000lp;5',
      ].join('\n'),
    );
    expect(result.status).toBe(422);
    expect(result.body.errors).toEqual([
      { line: 3, field: '(row)', reason: "has 5 cells but the header has 4: cell 5 ('217') has no column" },
      { line: 4, field: 'Ydelse', reason: 'contains a control character (U+0000) at position 10' },
    ]);
    expect(await count()).toBe(before);
  });

  it('asks for text/csv and a source', async () => {
    expect((await upload(BILAG_1_CSV, 'source=jobindsats', 'application/xml')).status).toBe(415);
    expect((await upload(BILAG_1_CSV, '')).status).toBe(400);
    const twice = await upload(BILAG_1_CSV, 'source=jobindsats&source=other');
    expect(twice.status).toBe(400);
    expect(twice.body).toMatchObject({ field: 'source', message: "query parameter 'source' must be given once, as a plain value" });
  });

  it('takes the file from a multipart/form-data upload (a browser form, curl -F), and says so when the form has no file', async () => {
    const csv = 'Område;Periode;Ydelse;Fuldtidspersoner\nDragør;2021M03;Sygedagpenge;141\n';
    const form = new FormData();
    form.append('comment', 'March from the spreadsheet');
    form.append('file', new Blob([csv], { type: 'text/csv' }), 'dragoer.csv');
    const post = (body: FormData) =>
      fetch(`${ingest.baseUrl}/v1/imports?source=multipart-test`, { method: 'POST', headers: { authorization: `Bearer ${key}` }, body });
    const accepted = await post(form);
    expect(accepted.status).toBe(201);
    expect((await accepted.json()) as object).toMatchObject({ status: 'accepted', rows: { created: 1 } });
    expect(
      await ingest.dataSource.query(`SELECT municipality, series, period, value FROM figures WHERE source = 'multipart-test'`),
    ).toEqual([{ municipality: '155', series: 'sygedagpenge', period: '2021-03', value: 141 }]);
    const noFile = new FormData();
    noFile.append('comment', 'forgot the file');
    const refused = await post(noFile);
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { message: string }).message).toMatch(/no file part/);
  });

  it('answers 400 for an import id that is not a UUID and 404 for one that does not exist', async () => {
    const get = (id: string) => fetch(`${ingest.baseUrl}/v1/imports/${id}`, { headers: { authorization: `Bearer ${key}` } });
    expect((await get('1 OR 1=1')).status).toBe(400);
    expect((await get('00000000-0000-4000-8000-000000000000')).status).toBe(404);
  });
});
