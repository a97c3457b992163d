import { readFileSync } from 'node:fs';
import http from 'node:http';
import { AddressInfo } from 'node:net';
import path from 'node:path';

const FIXTURES = path.resolve(__dirname, '../../../test/fixtures/jobindsats');

/** A recorded Jobindsats response (see test/fixtures/jobindsats). */
export function recordedJobindsats(name: string): unknown {
  return JSON.parse(readFileSync(path.join(FIXTURES, name), 'utf8'));
}

export interface FakeTable {
  /** The body of GET /v2/tables/{table}/json/. */
  tables: unknown;
  /** The body of POST /v2/data/{table}/json. */
  data: unknown;
  lastModified?: string;
}

export interface FakeRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

/**
 * A local HTTP server that answers like the Jobindsats API v2 with recorded responses, records
 * what it was asked, and can fail on demand (`failNext`), so pulls are tested over real HTTP.
 */
export class JobindsatsFake {
  readonly requests: FakeRequest[] = [];
  private readonly tables = new Map<string, FakeTable>();
  private failures: { status: number; body: string }[] = [];
  private readonly server = http.createServer((request, response) => {
    let raw = '';
    request.on('data', (chunk) => (raw += chunk));
    request.on('end', () => this.answer(request, raw, response));
  });

  serve(table: string, content: FakeTable): void {
    this.tables.set(table, content);
  }

  /** The next `count` requests get `status` (e.g. 503), whatever they ask. */
  failNext(count: number, status: number, body = 'Service Unavailable'): void {
    this.failures.push(...Array.from({ length: count }, () => ({ status, body })));
  }

  async start(): Promise<string> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  stop(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private answer(request: http.IncomingMessage, raw: string, response: http.ServerResponse): void {
    const url = request.url ?? '';
    this.requests.push({
      method: request.method ?? '',
      path: url,
      authorization: request.headers.authorization,
      body: raw ? JSON.parse(raw) : undefined,
    });
    const failure = this.failures.shift();
    if (failure) return this.send(response, failure.status, failure.body);
    const tables = /^\/v2\/tables\/([^/]+)\/json\/?$/.exec(url);
    const data = /^\/v2\/data\/([^/]+)\/json\/?$/.exec(url);
    const table = this.tables.get(decodeURIComponent((tables ?? data)?.[1] ?? ''));
    if (!table) return this.send(response, 404, JSON.stringify({ Message: 'Table not found' }));
    if (!request.headers.authorization)
      return this.send(response, 401, JSON.stringify({ Message: 'Authorization has been denied for this request.' }));
    if (tables && request.method === 'GET') return this.send(response, 200, JSON.stringify(table.tables));
    if (data && request.method === 'POST') return this.send(response, 200, JSON.stringify(table.data), table.lastModified);
    return this.send(response, 405, 'Method Not Allowed');
  }

  private send(response: http.ServerResponse, status: number, body: string, lastModified?: string): void {
    response.statusCode = status;
    response.setHeader('content-type', 'application/json; charset=utf-8');
    if (lastModified) response.setHeader('last-modified', lastModified);
    response.end(body);
  }
}
