import { Inject, Injectable, Logger } from '@nestjs/common';
import { z } from 'zod';
import { CONSOLE_ENV, ConsoleEnv } from '../console.env';
import type { Viewer } from '../web/viewer';
import { ServiceFieldError, ServiceName, ServiceRejection, ServiceUnavailable } from './service-errors';
import { signUserToken } from './user-token';

const errorBody = z
  .object({ message: z.union([z.string(), z.array(z.string())]).optional(), errors: z.array(z.looseObject({})).optional() })
  .loose();

export interface CallOptions {
  body?: unknown;
  /** Raw text body (CSV, YAML) with its content type. */
  raw?: { text: string | Buffer; contentType: string };
  accept?: string;
}

/** The services on behalf of one signed-in user: every request carries a fresh user token. */
export interface UserServices {
  get<T = unknown>(service: ServiceName, path: string, schema?: z.ZodType<T>): Promise<T>;
  post<T = unknown>(service: ServiceName, path: string, body?: unknown, schema?: z.ZodType<T>): Promise<T>;
  patch<T = unknown>(service: ServiceName, path: string, body: unknown, schema?: z.ZodType<T>): Promise<T>;
  delete(service: ServiceName, path: string): Promise<void>;
  call(
    service: ServiceName,
    method: string,
    path: string,
    options?: CallOptions,
  ): Promise<{ status: number; text: string; contentType: string }>;
}

/**
 * The backend-for-frontend's only way to the services (their REST APIs, never their schemas).
 * A 4xx becomes a ServiceRejection with the service's own message; a 5xx, a timeout or a refused
 * connection becomes ServiceUnavailable, which pages show as "the X service is unavailable".
 * Responses are parsed with the caller's zod schema, not cast.
 */
@Injectable()
export class ServicesClient {
  private readonly logger = new Logger(ServicesClient.name);
  private readonly baseUrls: Record<ServiceName, string>;

  constructor(@Inject(CONSOLE_ENV) private readonly env: ConsoleEnv) {
    this.baseUrls = serviceBaseUrls(env);
  }

  forUser(viewer: Viewer): UserServices {
    const call = (service: ServiceName, method: string, path: string, options: CallOptions = {}) =>
      this.call(viewer, service, method, path, options);
    const json = async <T>(service: ServiceName, method: string, path: string, body: unknown, schema?: z.ZodType<T>): Promise<T> => {
      const response = await call(service, method, path, body === undefined ? {} : { body });
      const parsed: unknown = response.text ? JSON.parse(response.text) : undefined;
      if (!schema) return parsed as T;
      const result = schema.safeParse(parsed);
      if (!result.success) {
        this.logger.error({ service, path, issues: result.error.issues.slice(0, 5) }, 'unexpected response shape');
        throw new ServiceUnavailable(service, 'it answered in an unexpected shape');
      }
      return result.data;
    };
    return {
      get: (service, path, schema) => json(service, 'GET', path, undefined, schema),
      post: (service, path, body, schema) => json(service, 'POST', path, body ?? {}, schema),
      patch: (service, path, body, schema) => json(service, 'PATCH', path, body, schema),
      delete: async (service, path) => void (await call(service, 'DELETE', path)),
      call,
    };
  }

  private async call(viewer: Viewer, service: ServiceName, method: string, path: string, options: CallOptions) {
    const token = await signUserToken(this.env.CONSOLE_TOKEN_SECRET, viewer);
    const headers: Record<string, string> = { authorization: `Bearer ${token}`, accept: options.accept ?? 'application/json' };
    let body: string | Buffer | undefined;
    if (options.raw) {
      headers['content-type'] = options.raw.contentType;
      body = options.raw.text;
    } else if (options.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    let response: Response;
    try {
      response = await fetch(`${this.baseUrls[service]}${path}`, {
        method,
        headers,
        body,
        signal: AbortSignal.timeout(this.env.SERVICE_TIMEOUT_MS),
      });
    } catch (error) {
      const reason =
        (error as Error).name === 'TimeoutError' ? `no answer within ${this.env.SERVICE_TIMEOUT_MS} ms` : 'it could not be reached';
      this.logger.warn({ service, method, path, err: (error as Error).message }, 'service unreachable');
      throw new ServiceUnavailable(service, reason);
    }
    const text = await response.text();
    if (response.status >= 500) {
      this.logger.warn({ service, method, path, status: response.status }, 'service error');
      throw new ServiceUnavailable(service, `it answered ${response.status}`);
    }
    if (response.status >= 400) throw rejection(service, response.status, text);
    return { status: response.status, text, contentType: response.headers.get('content-type') ?? '' };
  }
}

/** Where each service answers (its base URL from the settings). */
export function serviceBaseUrls(env: ConsoleEnv): Record<ServiceName, string> {
  return { ingest: env.INGEST_URL, indicators: env.INDICATORS_URL, goals: env.GOALS_URL, notifications: env.NOTIFICATIONS_URL };
}

/** A service's 4xx as a ServiceRejection with its own message and field errors (shared with PublicServicesClient). */
export function rejection(service: ServiceName, status: number, text: string): ServiceRejection {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return new ServiceRejection(service, status, text.slice(0, 500) || `HTTP ${status}`);
  }
  const body = errorBody.safeParse(parsed);
  if (!body.success) return new ServiceRejection(service, status, `HTTP ${status}`, [], parsed);
  const message = Array.isArray(body.data.message) ? body.data.message.join('; ') : (body.data.message ?? `HTTP ${status}`);
  return new ServiceRejection(service, status, message, (body.data.errors ?? []) as ServiceFieldError[], parsed);
}
