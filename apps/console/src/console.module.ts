import { BullModule } from '@nestjs/bull';
import { DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { TerminusModule } from '@nestjs/terminus';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { ApiKeyAuth } from './api/api-key-auth.guard';
import { ApiKeysRepository, DatabaseTransactions } from '@pejling/platform';
import { ReportsApiController } from './api/reports-api.controller';
import { AuditLogRepository } from './audit/audit-log.repository';
import { CONSOLE_ENV, ConsoleEnv } from './console.env';
import { Mailer } from './mail/mailer';
import { consoleDataSourceOptions } from './console-database';
import { CONSOLE_PAGES } from './pages';
import { REPORT_CONTROLLERS, REPORT_PROVIDERS, REPORTS_QUEUE } from './reports';
import { ServicesClient } from './services/services-client';
import { PasswordResetsRepository } from './sessions/password-resets.repository';
import { SessionsRepository } from './sessions/sessions.repository';
import { SignInFailuresRepository } from './sessions/sign-in-failures.repository';
import { UsersRepository } from './users/users.repository';
import { AccessGuard } from './sessions/access.guard';
import { HealthController } from './web/health.controller';
import { PageErrorFilter } from './errors/page-error.filter';
import { PageRenderer } from './web/page-renderer';

@Module({})
export class ConsoleModule {
  static forRoot(env: ConsoleEnv): DynamicModule {
    return {
      module: ConsoleModule,
      imports: [
        consoleLogger(env.LOG_LEVEL),
        TypeOrmModule.forRoot(consoleDataSourceOptions(env.DATABASE_URL)),
        TerminusModule.forRoot({ logger: false }),
        BullModule.forRoot({ redis: env.REDIS_URL, prefix: env.BULL_PREFIX }),
        BullModule.registerQueue({ name: REPORTS_QUEUE }),
      ],
      controllers: [HealthController, ...CONSOLE_PAGES.flatMap((page) => page.controllers), ...REPORT_CONTROLLERS, ReportsApiController],
      providers: [
        { provide: CONSOLE_ENV, useValue: env },
        PageRenderer,
        ServicesClient,
        Mailer,
        UsersRepository,
        SessionsRepository,
        SignInFailuresRepository,
        PasswordResetsRepository,
        AuditLogRepository,
        ...CONSOLE_PAGES.flatMap((page) => page.providers),
        ...REPORT_PROVIDERS,
        ApiKeysRepository,
        DatabaseTransactions,
        ApiKeyAuth,
        { provide: APP_GUARD, useClass: AccessGuard },
        { provide: APP_FILTER, useClass: PageErrorFilter },
      ],
    };
  }
}

/** JSON logs like the services'; cookies, CSRF tokens and passwords never reach the log. */
function consoleLogger(level: string) {
  return LoggerModule.forRoot({
    pinoHttp: {
      level,
      name: 'pejling-console',
      redact: ['req.headers.authorization', 'req.headers.cookie', 'req.headers["x-csrf-token"]', 'res.headers["set-cookie"]'],
      autoLogging: { ignore: (request) => request.url === '/health' || (request.url ?? '').startsWith('/static/') },
      customProps: () => ({ service: 'console' }),
    },
  });
}
