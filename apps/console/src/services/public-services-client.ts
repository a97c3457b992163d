import { Inject, Injectable, Logger } from '@nestjs/common';
import { z } from 'zod';
import { CONSOLE_ENV, ConsoleEnv } from '../console.env';
import { TtlCache } from '../web/ttl-cache';
import { ServiceName, ServiceUnavailable } from './service-errors';
import { rejection } from './services-client';

/**
 * The services' public read routes (/v1/public/…), called anonymously: no user token, since the
 * reader of the public page is nobody in particular. Answers are kept per URL for
 * PUBLIC_CACHE_SECONDS, so a busy public page costs the services one request per URL and interval.
 * Errors are the same as ServicesClient's: a 4xx is a ServiceRejection, an outage ServiceUnavailable.
 */
@Injectable()
export class PublicServicesClient {
  private readonly logger = new Logger(PublicServicesClient.name);
  private readonly baseUrls: Record<ServiceName, string>;
  private readonly cache: TtlCache<unknown>;

  constructor(@Inject(CONSOLE_ENV) private readonly env: ConsoleEnv) {
    this.baseUrls = { ingest: env.INGEST_URL, indicators: env.INDICATORS_URL, goals: env.GOALS_URL, notifications: env.NOTIFICATIONS_URL };
    this.cache = new TtlCache(env.PUBLIC_CACHE_SECONDS * 1000);
  }

  async get<T>(service: ServiceName, path: string, schema: z.ZodType<T>): Promise<T> {
    if (!path.startsWith('/v1/public/')) throw new Error(`PublicServicesClient reads only /v1/public/ routes (asked for ${path})`);
    const url = `${this.baseUrls[service]}${path}`;
    const body = await this.cache.get(url, () => this.fetchJson(service, url, path));
    const parsed = schema.safeParse(body);
    if (!parsed.success) {
      this.logger.error({ service, path, issues: parsed.error.issues.slice(0, 5) }, 'unexpected response shape');
      throw new ServiceUnavailable(service, 'it answered in an unexpected shape');
    }
    return parsed.data;
  }

  private async fetchJson(service: ServiceName, url: string, path: string): Promise<unknown> {
    let response: Response;
    try {
      response = await fetch(url, { headers: { accept: 'application/json' }, signal: AbortSignal.timeout(this.env.SERVICE_TIMEOUT_MS) });
    } catch (error) {
      const reason =
        (error as Error).name === 'TimeoutError' ? `no answer within ${this.env.SERVICE_TIMEOUT_MS} ms` : 'it could not be reached';
      this.logger.warn({ service, path, err: (error as Error).message }, 'service unreachable');
      throw new ServiceUnavailable(service, reason);
    }
    const text = await response.text();
    if (response.status >= 500) {
      this.logger.warn({ service, path, status: response.status }, 'service error');
      throw new ServiceUnavailable(service, `it answered ${response.status}`);
    }
    if (response.status >= 400) throw rejection(service, response.status, text);
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new ServiceUnavailable(service, 'it answered something that is not JSON');
    }
  }
}
