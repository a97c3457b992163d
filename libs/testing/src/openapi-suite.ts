/// <reference types="jest" />
import type { INestApplication } from '@nestjs/common';
import type { ServiceApp, ServiceEnv } from '@pejling/platform';
import { createTestWorld, RunningService, startService, TestWorld } from './test-env';
import { documentedRoutes, registeredRoutes, validateOpenApi } from './openapi-check';

type OpenApi = {
  paths: Record<string, Record<string, { security?: unknown[]; 'x-pejling-roles'?: string[]; responses: Record<string, unknown> }>>;
};

export interface PublishedDocsReport {
  /** `METHOD /path` Express routes to, and those the served /openapi.json lists. */
  registered: string[];
  documented: string[];
  validation: { valid: boolean; errors?: unknown };
  /** Protected operations without roles, and operations without a 2xx answer. */
  withoutRoles: string[];
  withoutSuccess: string[];
  /** Status of each fetch a browser or integrator makes without a key. */
  fetched: Record<string, number>;
  asyncApiHead: string;
  schema: unknown;
  eventsPage: string;
  metrics: string;
}

/**
 * Everything a service publishes about itself, fetched without a key from the running service and
 * set beside the routes its Express router holds. The specs (`apps/*\/src/openapi.integration.spec.ts`) assert on it.
 */
export async function publishedDocsReport(nest: INestApplication, baseUrl: string): Promise<PublishedDocsReport> {
  const fetched: Record<string, number> = {};
  const get = async (path: string) => {
    const response = await fetch(`${baseUrl}${path}`);
    fetched[path] = response.status;
    return response;
  };
  const document = (await (await get('/openapi.json')).json()) as OpenApi;
  const withoutRoles: string[] = [];
  const withoutSuccess: string[] = [];
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item)) {
      const isPublic = Array.isArray(operation.security) && operation.security.length === 0;
      if (!isPublic && (operation['x-pejling-roles'] ?? []).length === 0) withoutRoles.push(`${method} ${path}`);
      if (!Object.keys(operation.responses).some((status) => status.startsWith('2'))) withoutSuccess.push(`${method} ${path}`);
    }
  }
  const html = await (await get('/docs')).text();
  for (const [, asset] of html.matchAll(/(?:src|href)="(\/docs\/assets\/[^"]+)"/g)) await get(asset);
  const asyncApiHead = (await (await get('/asyncapi.yaml')).text()).slice(0, 40);
  const schema = await (await get('/schemas/goal.breached/v4.json')).json();
  await get('/schemas/goal.breached/v99.json');
  const eventsPage = await (await get('/docs/events')).text();
  await get('/health/live');
  const metrics = await (await get('/metrics')).text();
  return {
    registered: registeredRoutes(nest),
    documented: documentedRoutes(document),
    validation: await validateOpenApi(document),
    withoutRoles,
    withoutSuccess,
    fetched,
    asyncApiHead,
    schema,
    eventsPage,
    metrics,
  };
}

/**
 * The published-docs contract every service keeps, as one Jest suite: the OpenAPI document holds
 * exactly the router's routes and validates, every protected operation names its roles, and the
 * docs, AsyncAPI document, payload schemas and events page are served without a key.
 */
export function describePublishedDocs<E extends ServiceEnv>(service: string, app: ServiceApp<E>, env: Record<string, string> = {}): void {
  describe(`${service}: OpenAPI document and docs (real service)`, () => {
    let world: TestWorld;
    let running: RunningService;
    let report: PublishedDocsReport;

    beforeAll(async () => {
      world = await createTestWorld(env);
      running = await startService(app, world.env);
      report = await publishedDocsReport(running.nest, running.baseUrl);
    });

    afterAll(async () => {
      await running?.close();
      await world?.cleanup();
    });

    it('documents exactly the routes the router holds (method and path), and validates as OpenAPI 3.1', () => {
      expect(report.registered.length).toBeGreaterThan(6);
      expect(report.documented).toEqual(report.registered);
      expect(report.validation).toEqual({ valid: true });
    });

    it('names the roles of every protected operation and a success answer for each', () => {
      expect(report.withoutRoles).toEqual([]);
      expect(report.withoutSuccess).toEqual([]);
    });

    it('serves Swagger UI offline, the AsyncAPI document, the payload schemas and the events page without a key', () => {
      expect(report.fetched).toMatchObject({
        '/openapi.json': 200,
        '/docs': 200,
        '/docs/assets/swagger-ui-bundle.js': 200,
        '/docs/assets/swagger-ui.css': 200,
        '/docs/assets/init.js': 200,
        '/asyncapi.yaml': 200,
        '/schemas/goal.breached/v4.json': 200,
        '/schemas/goal.breached/v99.json': 404,
        '/docs/events': 200,
        '/health/live': 200,
        '/metrics': 200,
      });
      expect(Object.values(report.fetched).filter((status) => status !== 200)).toEqual([404]);
      expect(report.asyncApiHead).toMatch(/^asyncapi: 3\.0\.0/);
      expect(report.schema).toMatchObject({ $id: '/schemas/goal.breached/v4.json', type: 'object' });
      expect(report.eventsPage).toContain('pejling.goal-transitions.v1');
    });

    it('serves Prometheus metrics without a key: HTTP latency by route and status, the outbox, process metrics', () => {
      expect(report.metrics).toMatch(
        new RegExp(
          `pejling_http_request_duration_seconds_bucket\\{le="0.005",service="${service}",method="GET",route="/health/live",status="200"\\}`,
        ),
      );
      expect(report.metrics).toMatch(new RegExp(`pejling_outbox_depth\\{service="${service}"\\} \\d+`));
      expect(report.metrics).toContain('pejling_outbox_oldest_age_seconds');
      expect(report.metrics).toContain('pejling_process_resident_memory_bytes');
    });
  });
}
