import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { INestApplication } from '@nestjs/common';

interface ExpressLayer {
  route?: { path: string | string[]; methods: Record<string, boolean> };
}

/** Every `METHOD /path` Express routes to, read from the router Nest built (not from a list of ours). */
export function registeredRoutes(nest: INestApplication): string[] {
  const app = nest.getHttpAdapter().getInstance() as { router: { stack: ExpressLayer[] } };
  const routes = new Set<string>();
  for (const layer of app.router.stack) {
    if (!layer.route) continue;
    // Nest mounts middleware for exact paths as Express `all()` routes (every method at once, e.g.
    // the request logger on /{*path}); a controller route answers one method.
    if (Object.keys(layer.route.methods).length > 10) continue;
    const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
    for (const [method, enabled] of Object.entries(layer.route.methods)) {
      if (!enabled || method === '_all') continue;
      for (const path of paths) routes.add(`${method.toUpperCase()} ${path.replace(/:([A-Za-z0-9_]+)/g, '{$1}')}`);
    }
  }
  return [...routes].sort();
}

/** Every `METHOD /path` of an OpenAPI document. */
export function documentedRoutes(document: { paths: Record<string, Record<string, unknown>> }): string[] {
  const methods = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);
  return Object.entries(document.paths)
    .flatMap(([path, item]) =>
      Object.keys(item)
        .filter((key) => methods.has(key))
        .map((method) => `${method.toUpperCase()} ${path}`),
    )
    .sort();
}

/**
 * Validates an OpenAPI document with @seriousme/openapi-schema-validator. The validator is an ES
 * module, which Jest's CommonJS runtime cannot load, so its own CLI runs it in a Node process.
 */
export async function validateOpenApi(document: unknown): Promise<{ valid: boolean; errors?: unknown }> {
  const dir = mkdtempSync(join(tmpdir(), 'openapi-'));
  const file = join(dir, 'openapi.json');
  writeFileSync(file, JSON.stringify(document));
  const cli = require.resolve('@seriousme/openapi-schema-validator/bin/validate-api-cli.js');
  try {
    const { stdout } = await promisify(execFile)(process.execPath, [cli, file], { maxBuffer: 64 * 1024 * 1024 });
    return JSON.parse(stdout) as { valid: boolean; errors?: unknown };
  } catch (error) {
    const stdout = (error as { stdout?: string }).stdout;
    if (stdout) return JSON.parse(stdout) as { valid: boolean; errors?: unknown };
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
