import type { ServiceApp, ServiceEnv } from '@pejling/platform';
import { documentedRoutes, registeredRoutes, validateOpenApi } from './openapi-check';
import { createTestWorld, RunningService, startService, TestWorld } from './test-env';

type OpenApi = { paths: Record<string, Record<string, { security?: unknown[]; 'x-pejling-roles'?: string[]; responses: Record<string, unknown> }>> };

/**
 * The published docs of one service, against the running service: its OpenAPI document lists
 * exactly the routes Express routes to, validates, and is served without a key, as are /docs and
 * the event docs.
 */
export function describePublishedDocs<E extends ServiceEnv>(name: string, app: ServiceApp<E>): void {
  describe(`${name}: published API and event docs (real service)`, () => {
    let world: TestWorld;
    let service: RunningService;
    let document: OpenApi;

    beforeAll(async () => {
      world = await createTestWorld();
      service = await startService(app, world.env);
      const response = await fetch(`${service.baseUrl}/openapi.json`);
      expect(response.status).toBe(200);
      document = (await response.json()) as OpenApi;
    });

    afterAll(async () => {
      await service?.close();
      await world?.cleanup();
    });

    it('documents every route Express routes to, with the same method and path, and nothing else', () => {
      const registered = registeredRoutes(service.nest);
      expect(registered.length).toBeGreaterThan(6);
      expect(documentedRoutes(document)).toEqual(registered);
    });

    it('is a valid OpenAPI 3.1 document', async () => {
      const result = await validateOpenApi(document);
      expect(result).toEqual({ valid: true });
    });

    it('names the roles of every protected operation, and documents an answer for each', () => {
      for (const [path, item] of Object.entries(document.paths)) {
        for (const [method, operation] of Object.entries(item)) {
          const isPublic = Array.isArray(operation.security) && operation.security.length === 0;
          if (!isPublic) expect({ route: `${method} ${path}`, roles: (operation['x-pejling-roles'] ?? []).length > 0 }).toEqual({ route: `${method} ${path}`, roles: true });
          expect(Object.keys(operation.responses).some((status) => status.startsWith('2'))).toBe(true);
        }
      }
    });

    it('serves Swagger UI offline, the AsyncAPI document, the payload schemas and the events page without a key', async () => {
      const page = await fetch(`${service.baseUrl}/docs`);
      expect(page.status).toBe(200);
      const html = await page.text();
      const assets = [...html.matchAll(/(?:src|href)="(\/docs\/assets\/[^"]+)"/g)].map((match) => match[1]);
      expect(assets).toEqual(expect.arrayContaining(['/docs/assets/swagger-ui-bundle.js', '/docs/assets/swagger-ui.css', '/docs/assets/init.js']));
      for (const asset of assets) expect({ asset, status: (await fetch(`${service.baseUrl}${asset}`)).status }).toEqual({ asset, status: 200 });
      const asyncApi = await fetch(`${service.baseUrl}/asyncapi.yaml`);
      expect(asyncApi.status).toBe(200);
      expect(await asyncApi.text()).toMatch(/^asyncapi: 3\.0\.0/);
      const schema = await fetch(`${service.baseUrl}/schemas/goal.breached/v4.json`);
      expect(schema.status).toBe(200);
      expect(await schema.json()).toMatchObject({ $id: '/schemas/goal.breached/v4.json', type: 'object' });
      expect((await fetch(`${service.baseUrl}/schemas/goal.breached/v99.json`)).status).toBe(404);
      const events = await fetch(`${service.baseUrl}/docs/events`);
      expect(await events.text()).toContain('pejling.goal-transitions.v1');
    });
  });
}
