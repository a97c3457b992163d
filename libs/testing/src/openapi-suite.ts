import type { INestApplication } from '@nestjs/common';
import { documentedRoutes, registeredRoutes, validateOpenApi } from './openapi-check';

type OpenApi = { paths: Record<string, Record<string, { security?: unknown[]; 'x-pejling-roles'?: string[]; responses: Record<string, unknown> }>> };

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
  return { registered: registeredRoutes(nest), documented: documentedRoutes(document), validation: await validateOpenApi(document), withoutRoles, withoutSuccess, fetched, asyncApiHead, schema, eventsPage };
}
