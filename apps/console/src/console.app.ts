import path from 'node:path';
import type { INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import cookieParser from 'cookie-parser';
import { Logger } from 'nestjs-pino';
import { accessDataSourceOptions, KafkaEventTransport, kafkaSasl, runMigrations, trustedProxies } from '@pejling/platform';
import { ConsoleEnv, loadConsoleEnv } from './console.env';
import { consoleDataSourceOptions } from './console-database';
import { ConsoleModule } from './console.module';
import { consoleSourceDir } from './web/source-dir';

/** The folder of an installed package's browser build (served as static files, never bundled). */
function packageDist(name: string): string {
  return path.dirname(require.resolve(name));
}

/**
 * Creates the console: validates its settings, migrates the `console` schema under the shared
 * migration lock, and serves pages, form posts, htmx fragments and the static files (htmx,
 * Chart.js and our CSS/JS). Used by main.ts and by tests alike.
 */
export async function createConsole(rawEnv: Record<string, unknown>): Promise<{ nest: INestApplication; env: ConsoleEnv }> {
  const env = loadConsoleEnv(rawEnv);
  // The API keys' schema too: the console's REST API takes the platform's keys, whichever app starts first.
  await runMigrations([accessDataSourceOptions(env.DATABASE_URL), consoleDataSourceOptions(env.DATABASE_URL)]);
  const nest = await NestFactory.create<NestExpressApplication>(ConsoleModule.forRoot(env), { bufferLogs: true, bodyParser: false });
  nest.useLogger(nest.get(Logger));
  nest.disable('x-powered-by');
  // Off unless TRUST_PROXY names the proxies: otherwise a client could pick its address (and escape its limits) in X-Forwarded-For.
  const proxies = trustedProxies(env.TRUST_PROXY);
  if (proxies) nest.set('trust proxy', proxies);
  nest.use(cookieParser());
  nest.useBodyParser('urlencoded', { limit: env.HTTP_BODY_LIMIT, extended: false });
  nest.useBodyParser('json', { limit: env.HTTP_BODY_LIMIT });
  nest.use(securityHeaders);
  nest.useStaticAssets(packageDist('htmx.org'), { prefix: '/static/htmx/', maxAge: '1h' });
  nest.useStaticAssets(packageDist('chart.js'), { prefix: '/static/chart.js/', maxAge: '1h' });
  nest.useStaticAssets(path.join(consoleSourceDir(), 'assets'), { prefix: '/static/console/', maxAge: '5m' });
  // The goals' judgements, to draft committee reports when a report period's last month is judged.
  nest.connectMicroservice(
    {
      strategy: new KafkaEventTransport({
        brokers: env.KAFKA_BROKERS,
        sasl: kafkaSasl(env),
        clientId: 'pejling-console',
        groupId: `${env.KAFKA_TOPIC_PREFIX}pejling-console`,
        topicPrefix: env.KAFKA_TOPIC_PREFIX,
        partitions: env.KAFKA_PARTITIONS,
        maxAttempts: env.CONSUMER_MAX_ATTEMPTS,
        retryBackoffMs: env.CONSUMER_RETRY_BACKOFF_MS,
      }),
    },
    { inheritAppConfig: true },
  );
  return { nest, env };
}

/** Our own scripts and styles only (htmx's eval-based features are off); no framing. */
function securityHeaders(_request: unknown, response: { setHeader(name: string, value: string): void }, next: () => void): void {
  response.setHeader(
    'Content-Security-Policy',
    "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; frame-ancestors 'none'; form-action 'self'; base-uri 'none'",
  );
  response.setHeader('X-Content-Type-Options', 'nosniff');
  response.setHeader('Referrer-Policy', 'same-origin');
  next();
}
