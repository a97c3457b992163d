// What a backfill run produced, in the form a reference run is compared with: the counts, the goal
// states per plan and per goal, and digests of the full tables (so "identical results" means the
// same rows, not only the same numbers of them). Only what is a function of the data is compared;
// what depends on timing (readings published: the benchmark debounce can publish a pair twice;
// evaluations stored: superseded ones stay for the audit) is recorded as information.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/** sha256 of a file, streamed. */
export async function fileSha256(file) {
  const hash = createHash('sha256');
  for await (const chunk of fs.createReadStream(file)) hash.update(chunk);
  return hash.digest('hex');
}

const goalKey = `coalesce(g.plan_id || ' ' || g.plan_goal_id, g.name)`;
const num = (column) => `coalesce(round(${column}::numeric, 6)::text, '')`;
const CURRENT = `e.kind = 'judgement' AND e.superseded_at IS NULL`;

/** Reads the results of a settled run from the database (a few seconds for the national file). */
export async function readResults(db) {
  const one = async (sql) => (await db.query(sql)).rows[0];
  const counts = await one(`SELECT
      (SELECT count(*)::int FROM ingest.figures) AS "figuresStored",
      (SELECT count(*)::int FROM ingest.quality_flags) AS "qualityFlags",
      (SELECT count(*)::int FROM indicators.indicator_values) AS "indicatorValues",
      (SELECT count(*)::int FROM goals.evaluations e WHERE ${CURRENT}) AS "currentEvaluations",
      (SELECT count(*)::int FROM goals.goal_transitions) AS "transitions"`);
  const informational = await one(`SELECT (SELECT count(*)::int FROM goals.evaluations) AS "evaluationsStored"`);
  // Each goal and period judged by its current evaluation, by raw state (and why, when there is no data).
  const periods = (
    await db.query(`SELECT coalesce(g.plan_id, '(no plan)') AS plan, ${goalKey} AS goal, e.raw_state, e.reason, count(*)::int AS n
        FROM goals.evaluations e JOIN goals.goals g ON g.id = e.goal_id WHERE ${CURRENT} GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`)
  ).rows;
  const label = (row) => `${row.raw_state}${row.raw_state === 'no_data' && row.reason ? ` (${row.reason})` : ''}`;
  const goalStates = {};
  const goals = {};
  for (const row of periods) {
    goalStates[row.plan] ??= {};
    goalStates[row.plan][label(row)] = (goalStates[row.plan][label(row)] ?? 0) + row.n;
    goals[row.goal] ??= {};
    goals[row.goal][label(row)] = row.n;
  }
  // Each goal's stable state now, with the period it is of.
  for (const row of (
    await db.query(
      `SELECT ${goalKey} AS goal, s.state, s.period FROM goals.goal_states s JOIN goals.goals g ON g.id = s.goal_id ORDER BY 1`,
    )
  ).rows) {
    goals[row.goal] ??= {};
    goals[row.goal].now = `${row.state} ${row.period}`;
  }
  const digests = await one(`SELECT
      (SELECT md5(coalesce(string_agg(indicator_id || '|' || municipality || '|' || period || '|' || ${num('value')}, E'\\n'
                  ORDER BY indicator_id COLLATE "C", municipality COLLATE "C", period COLLATE "C"), ''))
         FROM indicators.indicator_values) AS "indicatorValues",
      (SELECT md5(coalesce(string_agg(concat_ws('|', ${goalKey}, e.period, e.state, e.raw_state, e.reason, e.previous_state, e.transition,
                                                ${num('e.measured')}, ${num('e.required')}), E'\\n'
                  ORDER BY ${goalKey} COLLATE "C", e.period COLLATE "C"), ''))
         FROM goals.evaluations e JOIN goals.goals g ON g.id = e.goal_id WHERE ${CURRENT}) AS "currentEvaluations",
      (SELECT md5(coalesce(string_agg(concat_ws('|', ${goalKey}, t.period, t.from_state, t.to_state, t.kind), E'\\n'
                  ORDER BY ${goalKey} COLLATE "C", t.period COLLATE "C"), ''))
         FROM goals.goal_transitions t JOIN goals.goals g ON g.id = t.goal_id) AS "transitions",
      (SELECT md5(coalesce(string_agg(concat_ws('|', check_kind, source, series, municipality, period), E'\\n'
                  ORDER BY check_kind COLLATE "C", source COLLATE "C", series COLLATE "C", municipality COLLATE "C", period COLLATE "C"), ''))
         FROM ingest.quality_flags) AS "qualityFlags"`);
  return { compared: { counts, goalStates, goals, digests }, informational };
}

/** The differences between two `compared` objects, one line each ("path: reference …, this run …"). */
export function differences(reference, actual, at = '') {
  if (typeof reference !== 'object' || reference === null || typeof actual !== 'object' || actual === null)
    return JSON.stringify(reference) === JSON.stringify(actual)
      ? []
      : [`${at || '(whole)'}: reference ${JSON.stringify(reference)}, this run ${JSON.stringify(actual)}`];
  const keys = [...new Set([...Object.keys(reference), ...Object.keys(actual)])].sort();
  return keys.flatMap((key) => differences(reference[key] ?? null, actual[key] ?? null, at ? `${at} › ${key}` : key));
}

/**
 * Compares a run with the committed reference for the same input file (matched by sha256).
 * Returns { status: 'match' | 'mismatch' | 'no-reference', differences, reference }.
 */
export function checkReference(referenceFile, input, compared) {
  const references = fs.existsSync(referenceFile) ? JSON.parse(fs.readFileSync(referenceFile, 'utf8')).references : [];
  const reference = references.find((entry) => entry.input.sha256 === input.sha256);
  if (!reference) return { status: 'no-reference', differences: [], known: references.map((entry) => entry.input) };
  const found = differences(reference.compared, compared);
  return { status: found.length === 0 ? 'match' : 'mismatch', differences: found, reference: reference.run };
}

/** Adds (or replaces) the reference for this run's input file, formatted as Prettier would (the file is committed). */
export async function writeReference(referenceFile, input, run, compared) {
  const references = fs.existsSync(referenceFile) ? JSON.parse(fs.readFileSync(referenceFile, 'utf8')).references : [];
  const others = references.filter((entry) => entry.input.sha256 !== input.sha256);
  const document = {
    about:
      'Reference results of bench/backfill.mjs, one per input file (matched by sha256). A run compares its counts, goal states and digests with the entry for its file; `node bench/backfill.mjs [csv] --write-reference` replaces that entry.',
    references: [...others, { input, run, compared }].sort((a, b) => a.input.figures - b.input.figures),
  };
  const prettier = await import('prettier');
  const text = await prettier.format(JSON.stringify(document), {
    ...(await prettier.resolveConfig(referenceFile)),
    filepath: referenceFile,
  });
  fs.mkdirSync(path.dirname(referenceFile), { recursive: true });
  fs.writeFileSync(referenceFile, text);
}
