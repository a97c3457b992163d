import type { NextFunction, Request, Response } from 'express';
import { ServiceMetrics } from './service-metrics';

/** Express middleware timing each request by its route pattern (`/v1/goals/:id`, not the URL asked for) and status. */
export function httpMetrics(metrics: ServiceMetrics) {
  return (request: Request, response: Response, next: NextFunction) => {
    const stop = metrics.httpDuration.startTimer();
    response.on('finish', () => {
      const pattern = (request.route as { path?: unknown } | undefined)?.path;
      const route = typeof pattern === 'string' ? `${request.baseUrl}${pattern}` : 'unmatched';
      stop({ method: request.method, route, status: String(response.statusCode) });
    });
    next();
  };
}
