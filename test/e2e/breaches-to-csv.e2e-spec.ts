import { ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { TOPICS } from '@pejling/contracts';
import {
  apiClient,
  asMessage,
  createTestWorld,
  IDLE,
  indicatorComputedEvent,
  produceRaw,
  repoRoot,
  ServiceProcess,
  startServiceProcess,
  TestWorld,
  waitUntil,
  waitUntilIdle,
} from '@pejling/testing';

/**
 * examples/breaches-to-csv against the real broker: the built goals service judges two readings
 * (a breach, then a recovery) and the example, a process of its own with kafkajs and the
 * cloudevents SDK only, writes the breach and nothing else to its CSV file.
 */
describe('examples/breaches-to-csv (real broker, built goals service)', () => {
  let world: TestWorld;
  let goals: ServiceProcess;
  let example: ChildProcess;
  const dir = mkdtempSync(join(tmpdir(), 'breaches-'));
  const out = join(dir, 'breaches.csv');
  let output = '';

  beforeAll(async () => {
    world = await createTestWorld();
    goals = await startServiceProcess('goals', world.env);
    example = spawn(process.execPath, [join(repoRoot(), 'examples/breaches-to-csv/index.js')], {
      env: { ...process.env, KAFKA_BROKERS: world.env.KAFKA_BROKERS ?? '127.0.0.1:9092', KAFKA_TOPIC_PREFIX: world.topicPrefix, OUT: out },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    example.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    example.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitUntil(() => output.includes('consuming'), 30_000, 'the example to start');
  });

  afterAll(async () => {
    if (example && example.exitCode === null) {
      const exited = new Promise((resolve) => example.once('exit', resolve));
      example.kill('SIGTERM');
      await exited;
    }
    await goals?.stop();
    await world?.cleanup();
    rmSync(dir, { recursive: true, force: true });
  });

  it('writes each goal.breached event as a CSV row, and skips the recovery', async () => {
    const admin = apiClient(goals.baseUrl, await world.apiKey('admin'));
    const created = await admin.post('/v1/goals', {
      name: 'Mål E: sygedagpenge mv. højst 1,8 %',
      municipality: '147',
      indicator: 'share.sygedagpenge-mv',
      comparator: 'lte',
      target: 1.8,
      owner: { name: 'Sygedagpengeteamet', email: 'team@frederiksberg.example' },
    });
    expect(created.status).toBe(201);
    await produceRaw(TOPICS.indicators, world.topicPrefix, [
      asMessage(indicatorComputedEvent(1.8793, '2021-07')),
      asMessage(indicatorComputedEvent(1.7, '2021-08')),
    ]);
    const evaluated = async () => ((await admin.get(`/v1/goals/${created.body.id}/evaluations`)).body as unknown[]).length >= 2;
    await waitUntil(evaluated, 60_000, 'both evaluations');
    const rows = () => parse(readFileSync(out, 'utf8'), { columns: true }) as Record<string, string>[];
    await waitUntil(() => rows().length >= 1, 30_000, `a breach row in ${out} (example output: ${output})`);
    expect(readFileSync(out, 'utf8').split('\n')[0]).toBe(
      'time,eventId,municipality,goalId,planGoalId,goalName,period,value,required,state,explanation',
    );
    const [breach] = rows();
    // The goal's name holds a comma ("1,8 %"): the field is quoted and reads back whole.
    expect(breach).toMatchObject({
      municipality: '147',
      goalId: created.body.id,
      goalName: 'Mål E: sygedagpenge mv. højst 1,8 %',
      period: '2021-07',
      value: '1.8793',
      required: '1.8',
      state: 'breached',
    });
    expect(breach.explanation).toMatch(/1\.9|1\.88/);
    // The recovery (and the evaluations) are other types: no more rows once goals has published all it
    // judged and the example has consumed the whole transitions topic.
    await waitUntilIdle(world, [...IDLE.goals, { group: 'breaches-to-csv', consumes: [TOPICS.goalTransitions] }]);
    expect(rows()).toHaveLength(1);
  });
});
