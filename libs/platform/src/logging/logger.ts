import { LoggerModule } from 'nestjs-pino';
import type { DynamicModule } from '@nestjs/common';

/** JSON logs (pino), one line per event; API keys never reach the log. */
export function loggerModule(service: string, level: string): DynamicModule {
  return LoggerModule.forRoot({
    pinoHttp: {
      level,
      name: `pejling-${service}`,
      redact: ['req.headers.authorization', 'req.headers["x-api-key"]'],
      autoLogging: { ignore: (request) => request.url === '/health' },
      customProps: () => ({ service }),
    },
  });
}
