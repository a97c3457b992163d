import { createTestWorld, publishedDocsReport, PublishedDocsReport, RunningService, startService, TestWorld } from '@pejling/testing';
import { ingestApp } from './ingest.app';

/** ingest's published API and event docs, read without a key from the running service. */
describe('ingest: OpenAPI document and docs (real service)', () => {
  let world: TestWorld;
  let service: RunningService;
  let report: PublishedDocsReport;

  beforeAll(async () => {
    world = await createTestWorld();
    service = await startService(ingestApp, world.env);
    report = await publishedDocsReport(service.nest, service.baseUrl);
  });

  afterAll(async () => {
    await service?.close();
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
    expect(report.fetched).toMatchObject({ '/openapi.json': 200, '/docs': 200, '/docs/assets/swagger-ui-bundle.js': 200, '/docs/assets/swagger-ui.css': 200, '/docs/assets/init.js': 200, '/asyncapi.yaml': 200, '/schemas/goal.breached/v4.json': 200, '/schemas/goal.breached/v99.json': 404, '/docs/events': 200 });
    expect(Object.values(report.fetched).filter((status) => status !== 200)).toEqual([404]);
    expect(report.asyncApiHead).toMatch(/^asyncapi: 3\.0\.0/);
    expect(report.schema).toMatchObject({ $id: '/schemas/goal.breached/v4.json', type: 'object' });
    expect(report.eventsPage).toContain('pejling.goal-transitions.v1');
  });
});
