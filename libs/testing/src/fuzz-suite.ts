/// <reference types="jest" />
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { DataSource } from 'typeorm';
import { physicalTopic, TOPICS } from '@pejling/contracts';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import { catalogueRoutes, openApiPath } from '@pejling/platform';
import type { ServiceApp, ServiceEnv } from '@pejling/platform';
import { FUZZ_BODY, FuzzBody } from './fuzz-bodies';
import { testKafka } from './kafka-probe';
import { registeredRoutes } from './openapi-check';
import { repoRoot } from './repo-root';
import { createTestWorld, RunningService, startService, TestWorld } from './test-env';

/** Fixed, so a failure replays exactly; fast-check prints the counterexample and its path. */
export const FUZZ_SEED = 20_261_203;
/** Generated bodies per route (every route that takes a body gets at least this many). */
export const FUZZ_RUNS_PER_ROUTE = Number(process.env.FUZZ_RUNS_PER_ROUTE ?? 120);

export interface FuzzOptions {
  env?: Record<string, string>;
  /** Tables that record refused requests on purpose (an import's audit record). */
  auditTables?: string[];
}

/** A path parameter's value: an id that may exist nowhere, a real municipality, or a word. */
function fillPath(path: string): string {
  return path.replace(/\{([A-Za-z0-9_]+)\}/g, (_, name: string) =>
    /municipality/i.test(name) ? '147' : /id$/i.test(name) ? randomUUID() : 'fuzz',
  );
}

/** Row count and a hash of every row of each table of these schemas. */
async function fingerprints(dataSource: DataSource, schemas: string[], skip: string[]): Promise<Record<string, string>> {
  const tables: { schema: string; name: string }[] = await dataSource.query(
    `SELECT table_schema AS schema, table_name AS name FROM information_schema.tables
     WHERE table_schema = ANY($1) AND table_type = 'BASE TABLE' ORDER BY 1, 2`,
    [schemas],
  );
  const result: Record<string, string> = {};
  for (const { schema, name } of tables) {
    if (skip.includes(name) || name === 'migrations') continue;
    const [row] = await dataSource.query(
      `SELECT count(*)::int AS n, md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) AS h FROM "${schema}"."${name}" t`,
    );
    result[`${schema}.${name}`] = `${row.n} rows, ${row.h}`;
  }
  return result;
}

/** Messages on each of the world's topics (high watermarks summed over partitions); one admin, existing topics only. */
async function topicSizes(prefix: string): Promise<Record<string, number>> {
  const admin = testKafka().admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const sizes: Record<string, number> = {};
    for (const topic of Object.values(TOPICS).map((name) => physicalTopic(name, prefix))) {
      if (!existing.has(topic)) continue;
      const offsets = await admin.fetchTopicOffsets(topic);
      sizes[topic] = offsets.reduce((sum, partition) => sum + Number(partition.high), 0);
    }
    return sizes;
  } finally {
    await admin.disconnect();
  }
}

/**
 * The robustness contract every service keeps, as one Jest suite: every route of its router that
 * takes a body (POST, PUT, PATCH) gets FUZZ_RUNS_PER_ROUTE generated bodies (JSON, CSV, multipart,
 * YAML, random bytes, archives, other encodings, control characters, deep nesting, extreme numbers,
 * repeated keys, unknown fields, header-only and ragged CSV), sent with an admin key. Each answer
 * is a 4xx with a message; afterwards no table (but the audit records) and no topic has changed.
 */
export function describeFuzz<E extends ServiceEnv>(service: string, app: ServiceApp<E>, options: FuzzOptions = {}): void {
  describe(`${service}: generated bodies (fast-check, seed ${FUZZ_SEED}; real service, PostgreSQL and Kafka)`, () => {
    let world: TestWorld;
    let running: RunningService;
    let key: string;

    beforeAll(async () => {
      world = await createTestWorld(options.env);
      running = await startService(app, world.env);
      key = await world.apiKey('admin');
    });

    afterAll(async () => {
      await running?.close();
      await world?.cleanup();
    });

    it(`answers every generated body on every route that takes one with a 4xx and a reason, and changes no table and no topic`, async () => {
      // The router's routes; those whose handler documents a body take one (an action such as a snapshot takes none).
      const catalogue = catalogueRoutes(running.nest.get(DiscoveryService), running.nest.get(MetadataScanner), running.nest.get(Reflector));
      const takesBody = new Set(
        catalogue
          .filter((route) => route.doc?.body !== undefined)
          .map((route) => `${route.method.toUpperCase()} ${openApiPath(route.path)}`),
      );
      const routes = registeredRoutes(running.nest).filter((route) => /^(POST|PUT|PATCH) /.test(route) && takesBody.has(route));
      expect(routes.length).toBeGreaterThan(0);
      const schemas = [service, 'access'];
      // api_keys records when each key was last used: the fuzzer's key is used on every request.
      const skip = ['api_keys', ...(options.auditTables ?? [])];
      const tablesBefore = await fingerprints(running.dataSource, schemas, skip);
      const topicsBefore = await topicSizes(world.topicPrefix);
      const sent: Record<string, number> = {};
      const statuses: Record<string, number> = {};
      const send = async (route: string, input: FuzzBody) => {
        const [method, path] = route.split(' ');
        const response = await fetch(`${running.baseUrl}${fillPath(path)}`, {
          method,
          headers: { 'content-type': input.contentType, authorization: `Bearer ${key}` },
          body: input.body,
        });
        const text = await response.text();
        sent[route] = (sent[route] ?? 0) + 1;
        statuses[response.status] = (statuses[response.status] ?? 0) + 1;
        return { status: response.status, text };
      };
      const timings: Record<string, number> = {};
      for (const route of routes) {
        const started = Date.now();
        await fc.assert(
          fc.asyncProperty(FUZZ_BODY, async (input) => {
            const { status, text } = await send(route, input);
            // JSON names the reason in `message` (or lists it in `errors`); a page for people (an acknowledgement link) says it in its heading.
            const message = (() => {
              try {
                const body = JSON.parse(text) as { message?: unknown; errors?: unknown };
                return body.message || (Array.isArray(body.errors) && body.errors.length > 0 ? JSON.stringify(body.errors) : undefined);
              } catch {
                return /^<!doctype html>/i.test(text) && /<h[12]>[^<]+<\/h[12]>/i.test(text) ? text : undefined;
              }
            })();
            if (status < 400 || status >= 500 || !message)
              throw new Error(`${route} answered ${status} to a ${input.kind} body (${input.contentType}): ${text.slice(0, 300)}`);
          }),
          { seed: FUZZ_SEED, numRuns: FUZZ_RUNS_PER_ROUTE },
        );
        timings[route] = Date.now() - started;
      }
      // Anything a refused request had written to the outbox would be on a topic by now.
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(await fingerprints(running.dataSource, schemas, skip)).toEqual(tablesBefore);
      expect(await topicSizes(world.topicPrefix)).toEqual(topicsBefore);
      const total = Object.values(sent).reduce((sum, n) => sum + n, 0);
      for (const route of routes) expect(sent[route]).toBeGreaterThanOrEqual(FUZZ_RUNS_PER_ROUTE);
      const report = {
        service,
        seed: FUZZ_SEED,
        runsPerRoute: FUZZ_RUNS_PER_ROUTE,
        routes: routes.length,
        sent: total,
        statuses,
        perRoute: sent,
        msPerRoute: timings,
      };
      const dir = join(repoRoot(), '.pejling', 'fuzz');
      mkdirSync(dir, { recursive: true });
      writeFileSync(join(dir, `${service}.json`), `${JSON.stringify(report, null, 2)}\n`);
      process.stdout.write(`fuzz ${service}: ${total} generated bodies to ${routes.length} routes, statuses ${JSON.stringify(statuses)}\n`);
    }, 600_000);
  });
}
