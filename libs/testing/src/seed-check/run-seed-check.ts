import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import {
  judgeSeedGoal,
  NationalRows,
  ObservedGoal,
  planGoals,
  SEED_STATUS,
  SeedGoalVerdict,
  SeedStatus,
  validatePlan,
} from '@pejling/domain-goals';
import { apiClient } from '../http';
import { JobindsatsFake } from '../jobindsats-fake';
import { waitUntil } from '../kafka-probe';
import { repoRoot } from '../repo-root';
import { ServiceProcess, startServiceProcess } from '../service-process';
import { createTestWorld, TestWorld } from '../test-env';
import { waitForPipelineToSettle } from './pipeline-settled';
import { areaOfLine, offeredPeriods, readSeedFixture, SEED_TABLES } from './seed-fixtures';

export interface SeedCheckRow {
  plan: string;
  goal: string;
  /** The seed's own status statement and the state it implies (`not encoded` for goals the plan lists under notEncoded). */
  printed: string;
  seedState: string;
  pejlingState: string;
  value: number | null;
  /** Pejling's own explanation of the state (English). */
  explanation: string;
  verdict: SeedGoalVerdict | null;
}

export interface SeedCheckResult {
  rows: SeedCheckRow[];
  nationalRows: NationalRows;
  /** Quality flags the imports raised (the seeds' own arithmetic errors among them). */
  qualityFlags: { municipality: string; series: string; period: string; check: string }[];
  durationMs: number;
}

const SERVICES = ['ingest', 'indicators', 'goals', 'notifications'] as const;
const JOBINDSATS_KEY = 'seed-check-key';
const NATIONAL_AREA = 'Hele landet';

/**
 * The seed check through the real pipeline: the four built services against the real broker,
 * PostgreSQL and Redis (a database and topic prefix of its own); every plan in plans/ PUT to goals;
 * the seeds' tables imported as an analyst would (CSV uploads, Jobindsats pulls from a local
 * server); then every goal's evaluation read back through the goals API and compared with the
 * seed's own status statement. Needs `npm run build`.
 */
export async function runSeedCheck(options: { log?: (line: string) => void; settleTimeoutMs?: number } = {}): Promise<SeedCheckResult> {
  const log = options.log ?? (() => undefined);
  const started = Date.now();
  const fake = new JobindsatsFake();
  const pulls = SEED_TABLES.flatMap((table) => (table.kind === 'pull' ? [table] : []));
  for (const pull of pulls) {
    const data = JSON.parse(readSeedFixture(pull.file));
    fake.serve(pull.table, { tables: [{ TableID: pull.table, Period: offeredPeriods(data) }], data });
  }
  const jobindsatsUrl = await fake.start();
  let world: TestWorld | undefined;
  const services: ServiceProcess[] = [];
  try {
    world = await createTestWorld({
      JOBINDSATS_BASE_URL: jobindsatsUrl,
      JOBINDSATS_API_KEY: JOBINDSATS_KEY,
      // Run on demand only (POST /v1/pulls/:table/run); the cron is never due during a check.
      JOBINDSATS_PULLS: JSON.stringify(
        pulls.map((pull) => ({
          table: pull.table,
          cron: '0 6 1 1 *',
          areas: '*',
          periods: offeredPeriods(JSON.parse(readSeedFixture(pull.file))),
        })),
      ),
      PULL_MAX_ATTEMPTS: '1',
      WEBHOOK_SIGNING_SECRET: 'seed-check-webhook-secret',
      ACK_LINK_SECRET: 'seed-check-ack-link-secret',
      SECRETS_KEY: 'seed:c2VlZC1jaGVjay1zZWNyZXRzLWtleS0zMi1ieXRlcyE=',
      BENCHMARK_DEBOUNCE_MS: '100',
      BENCHMARK_MAX_DELAY_MS: '500',
    });
    const env = world.env;
    // One after the other: services starting together race to create the same topics.
    for (const name of SERVICES) services.push(await startServiceProcess(name, env));
    const [ingestUrl, , goalsUrl] = services.map((service) => service.baseUrl);
    log(`services up after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    const adminKey = await world.apiKey('admin');
    const plans = await putPlans(goalsUrl, adminKey);

    let nationalRows: NationalRows = { refused: false };
    const refusedNational: string[] = [];
    for (const table of SEED_TABLES) {
      if (table.kind === 'csv') refusedNational.push(...(await importCsv(ingestUrl, adminKey, table.file, table.municipality)));
      else await runPull(ingestUrl, adminKey, table.table);
      log(`imported ${table.file}`);
    }
    if (refusedNational.length > 0) {
      nationalRows = {
        refused: true,
        reason: `ingest refused the ${refusedNational.length} "${NATIONAL_AREA}" rows (${refusedNational[0]})`,
      };
    }

    await waitForPipelineToSettle(world.databaseUrl, world.topicPrefix, options.settleTimeoutMs ?? 120_000);
    log(`pipeline settled after ${((Date.now() - started) / 1000).toFixed(1)} s`);

    const goals = apiClient(goalsUrl, adminKey);
    const listed = (await goals.get('/v1/goals')).body as ListedGoal[];
    const rows: SeedCheckRow[] = [];
    for (const plan of plans) {
      for (const goal of planGoals(plan)) {
        const found = listed.find((candidate) => candidate.planId === plan.id && candidate.planGoalId === goal.id);
        if (!found) throw new Error(`goal ${plan.id}/${goal.id} is not in GET /v1/goals`);
        const status = SEED_STATUS.find((candidate) => candidate.plan === plan.id && candidate.goal === goal.id);
        const observed = await observe(goals, found, status);
        rows.push({
          plan: plan.id,
          goal: goal.id,
          printed: status?.printed ?? 'no status figures in the seed',
          seedState: status?.expected ?? 'no_data',
          pejlingState: String(observed.state),
          value: observed.value,
          explanation: observed.explanation ?? '',
          verdict: judgeSeedGoal(status, observed, nationalRows),
        });
      }
      for (const skipped of plan.notEncoded) {
        rows.push({
          plan: plan.id,
          goal: skipped.id,
          printed: skipped.reason,
          seedState: 'not encoded',
          pejlingState: '',
          value: null,
          explanation: '',
          verdict: null,
        });
      }
    }
    const { flags } = (await apiClient(ingestUrl, adminKey).get('/v1/quality-flags?status=all&limit=1000')).body as {
      flags: { municipality: string; series: string; period: string; check: string }[];
    };
    const qualityFlags = flags.map(({ municipality, series, period, check }) => ({ municipality, series, period, check }));
    return { rows, nationalRows, qualityFlags, durationMs: Date.now() - started };
  } catch (error) {
    for (const service of services) log(`--- ${service.name} ---\n${service.output().slice(-3000)}`);
    throw error;
  } finally {
    await Promise.all(services.map((service) => service.stop()));
    await fake.stop();
    await world?.cleanup();
  }
}

async function putPlans(goalsUrl: string, adminKey: string) {
  const folder = path.join(repoRoot(), 'plans');
  const plans = [];
  for (const file of readdirSync(folder)
    .filter((name) => name.endsWith('.yaml'))
    .sort()) {
    const text = readFileSync(path.join(folder, file), 'utf8');
    const validated = validatePlan(parse(text));
    if (!validated.ok) throw new Error(`${file}: ${JSON.stringify(validated.errors)}`);
    const response = await fetch(`${goalsUrl}/v1/plans/${validated.plan.id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'application/yaml' },
      body: text,
    });
    if (!response.ok) throw new Error(`PUT plan ${file}: HTTP ${response.status} ${await response.text()}`);
    plans.push(validated.plan);
  }
  return plans;
}

/**
 * Uploads one CSV file, keeping the valid rows: the "Hele landet" rows are the seed's national
 * figures, which ingest refuses while the country is not an area of its own. Returns why each of
 * them was refused; any other refused row is an error of the fixture or of ingest.
 */
async function importCsv(ingestUrl: string, adminKey: string, file: string, municipality?: string): Promise<string[]> {
  const csv = readSeedFixture(file);
  const query = new URLSearchParams({ source: `seed:${file}`, policy: 'accept-valid', ...(municipality ? { municipality } : {}) });
  const response = await fetch(`${ingestUrl}/v1/imports?${query}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${adminKey}`, 'content-type': 'text/csv' },
    body: csv,
  });
  const outcome = (await response.json()) as { id: string; status: string; message?: string };
  if (outcome.status !== 'accepted') throw new Error(`import ${file}: ${outcome.status} ${outcome.message ?? ''}`);
  const record = (await apiClient(ingestUrl, adminKey).get(`/v1/imports/${outcome.id}`)).body as {
    errors: { line: number; field: string; reason: string }[];
  };
  const national: string[] = [];
  for (const problem of record.errors ?? []) {
    if (areaOfLine(csv, problem.line) === NATIONAL_AREA) national.push(`${file} line ${problem.line}: ${problem.field}: ${problem.reason}`);
    else throw new Error(`import ${file} refused line ${problem.line}: ${problem.field}: ${problem.reason}`);
  }
  return national;
}

async function runPull(ingestUrl: string, adminKey: string, table: string): Promise<void> {
  const ingest = apiClient(ingestUrl, adminKey);
  const started = await ingest.post(`/v1/pulls/${table}/run`, {});
  if (started.status !== 202) throw new Error(`pull ${table}: HTTP ${started.status} ${JSON.stringify(started.body)}`);
  const pullId: string = started.body.pullId;
  let outcome: { status: string; error?: string } | undefined;
  await waitUntil(
    async () => {
      const runs = (await ingest.get(`/v1/pulls/runs?pullId=${pullId}`)).body as { status: string; error?: string }[];
      outcome = runs.find((run) => run.status === 'succeeded' || run.status === 'failed');
      return outcome !== undefined;
    },
    60_000,
    `pull ${table}`,
  );
  if (outcome?.status !== 'succeeded') throw new Error(`pull ${table} failed: ${outcome?.error}`);
}

type Goals = ReturnType<typeof apiClient>;
type ListedGoal = { id: string; planId: string | null; planGoalId: string | null; state: string; explanation: { en: string } | null };

/** The evaluation of the period the seed prints its figure for; the goal's current state when the seed prints none. */
async function observe(goals: Goals, goal: ListedGoal, status: SeedStatus | undefined): Promise<ObservedGoal & { explanation?: string }> {
  const period = status?.check?.period;
  if (!period || status?.check?.figure === null) return { state: goal.state, value: null, explanation: goal.explanation?.en };
  const evaluations = (await goals.get(`/v1/goals/${goal.id}/evaluations`)).body as {
    period: string;
    state: string;
    value: number | null;
    benchmarks: unknown;
    explanation: { en: string } | null;
  }[];
  const evaluation = evaluations.find((candidate) => candidate.period === period);
  if (!evaluation) return { state: `not evaluated for ${period}`, value: null };
  return {
    state: evaluation.state,
    value: evaluation.value === null ? null : Number(evaluation.value),
    benchmarks: benchmarksOf(evaluation.benchmarks),
    explanation: evaluation.explanation?.en,
  };
}

function benchmarksOf(raw: unknown): ObservedGoal['benchmarks'] {
  if (!raw || typeof raw !== 'object') return null;
  const pick = (value: unknown): number | null => {
    if (typeof value === 'number') return value;
    if (value && typeof value === 'object' && typeof (value as { value?: unknown }).value === 'number')
      return (value as { value: number }).value;
    return null;
  };
  const benchmarks = raw as Record<string, unknown>;
  return { national: pick(benchmarks.national), cluster: pick(benchmarks.cluster) };
}
