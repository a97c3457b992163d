/* eslint-disable @typescript-eslint/no-explicit-any -- tests read arbitrary JSON bodies */

export interface ApiResponse {
  status: number;
  body: any;
  headers: Headers;
}

/** A small HTTP client for tests: JSON in, JSON (or text) out, API key in the Authorization header. */
export function apiClient(baseUrl: string, apiKey?: string) {
  const call = async (method: string, path: string, body?: unknown, raw?: string): Promise<ApiResponse> => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: { 'content-type': 'application/json', ...(apiKey ? { authorization: `Bearer ${apiKey}` } : {}) },
      body: raw ?? (body === undefined ? undefined : JSON.stringify(body)),
    });
    const text = await response.text();
    let parsed: any = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    // Not enumerable: specs compare whole responses with toEqual({ status, body }).
    return Object.defineProperty({ status: response.status, body: parsed }, 'headers', {
      value: response.headers,
      enumerable: false,
    }) as ApiResponse;
  };
  return {
    get: (path: string) => call('GET', path),
    post: (path: string, body: unknown) => call('POST', path, body),
    postRaw: (path: string, raw: string) => call('POST', path, undefined, raw),
    put: (path: string, body: unknown) => call('PUT', path, body),
    patch: (path: string, body: unknown) => call('PATCH', path, body),
    delete: (path: string) => call('DELETE', path),
  };
}
