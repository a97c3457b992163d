import { z } from 'zod';
import { JobindsatsTable, JobindsatsTableConfig } from '@pejling/domain-figures';

/** A failure that another attempt cannot fix (wrong key, unknown table, a response of the wrong shape). */
export class PermanentPullError extends Error {}

const tablesResponse = z.array(z.object({ Period: z.array(z.string()) }).passthrough()).min(1);
const dataResponse = z.array(
  z
    .object({
      Variables: z.array(z.object({ Label: z.string() }).passthrough()),
      Data: z.array(z.array(z.union([z.string(), z.number(), z.null()]))),
    })
    .passthrough(),
);

export interface FetchedData {
  tables: JobindsatsTable[];
  /** The response's Last-Modified, as the source's own publication time, if it sends one. */
  sourceUpdatedAt: string | null;
}

/**
 * The Jobindsats API v2 over HTTP: the periods a table offers (`GET /v2/tables/{table}/json/`)
 * and the data (`POST /v2/data/{table}/json` with areas, periods and dimension filters). The key
 * goes raw in the Authorization header, as v2 expects.
 */
export class JobindsatsClient {
  constructor(
    private readonly baseUrl: string,
    private readonly apiKey: string,
    private readonly timeoutMs: number,
  ) {}

  async periods(table: string): Promise<string[]> {
    const body = await this.call('GET', `/v2/tables/${encodeURIComponent(table)}/json/`);
    const parsed = tablesResponse.safeParse(body.json);
    if (!parsed.success)
      throw new PermanentPullError(`the table list for ${table} has an unexpected shape: ${parsed.error.issues[0]?.message}`);
    return parsed.data.flatMap((entry) => entry.Period);
  }

  async data(config: JobindsatsTableConfig, areas: '*' | string[], periods: string[]): Promise<FetchedData> {
    const request = { area: areas, period: periods, ...(config.filters ?? {}) };
    const body = await this.call('POST', `/v2/data/${encodeURIComponent(config.table)}/json`, request);
    const parsed = dataResponse.safeParse(body.json);
    if (!parsed.success)
      throw new PermanentPullError(`the data of ${config.table} has an unexpected shape: ${parsed.error.issues[0]?.message}`);
    const modified = body.lastModified ? new Date(body.lastModified) : null;
    return {
      tables: parsed.data as JobindsatsTable[],
      sourceUpdatedAt: modified && !Number.isNaN(modified.getTime()) ? modified.toISOString() : null,
    };
  }

  private async call(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ json: unknown; lastModified: string | null }> {
    const response = await fetch(new URL(path, this.baseUrl), {
      method,
      headers: { authorization: this.apiKey, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
      signal: AbortSignal.timeout(this.timeoutMs),
    });
    const text = await response.text();
    if (!response.ok) {
      const detail = `${method} ${path} answered HTTP ${response.status}: ${text.slice(0, 200)}`;
      // 4xx other than 408/429 will not change by asking again (bad key, unknown table or period).
      if (response.status >= 400 && response.status < 500 && response.status !== 408 && response.status !== 429)
        throw new PermanentPullError(detail);
      throw new Error(detail);
    }
    try {
      return { json: JSON.parse(text), lastModified: response.headers.get('last-modified') };
    } catch {
      throw new PermanentPullError(`${method} ${path} did not answer JSON: ${text.slice(0, 200)}`);
    }
  }
}
