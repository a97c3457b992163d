import { LoggerModule } from 'nestjs-pino';
import type { DynamicModule } from '@nestjs/common';
import { redactRequestUrl } from './redact-url';

/**
 * JSON logs (pino), one line per event. API keys, acknowledgement tokens (in the ack routes' paths)
 * and channel targets (in query filters, in a failed query's parameters) never reach the log.
 */
export function loggerModule(service: string, level: string): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      level,
      name: `pejling-${service}`,
      redact: [
        'req.headers.authorization',
        'req.headers["x-api-key"]',
        'req.headers.cookie',
        'req.query.recipient',
        'req.query.target',
        'req.query.token',
        'err.parameters',
        'err.driverError.parameters',
        'err.query',
      ],
      serializers: {
        // Route params repeat the path (the ack token among them): the redacted URL says it all.
        req: ({ params: _params, ...req }: { url?: string; originalUrl?: string; params?: unknown }) => ({
          ...req,
          url: redactRequestUrl(req.url),
          originalUrl: redactRequestUrl(req.originalUrl),
        }),
      },
      autoLogging: { ignore: (request) => request.url === '/health' },
      customProps: () => ({ service }),
    },
  });
}
