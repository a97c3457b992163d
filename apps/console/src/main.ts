import 'reflect-metadata';
import { Logger } from 'nestjs-pino';
import { createConsole } from './console.app';

const SHUTDOWN_GRACE_MS = 15_000;

/** Starts the console (its report consumer, then HTTP); on SIGTERM/SIGINT finishes the work in flight, closes the database and exits. */
async function main(): Promise<void> {
  const { nest, env } = await createConsole(process.env);
  await nest.startAllMicroservices();
  await nest.listen(env.PORT, env.HOST);
  const logger = nest.get(Logger);
  logger.log({ port: env.PORT, host: env.HOST, publicUrl: env.PUBLIC_URL }, 'pejling-console listening');
  let closing = false;
  const shutdown = (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), SHUTDOWN_GRACE_MS).unref();
    nest.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once('SIGTERM', shutdown);
  process.once('SIGINT', shutdown);
}

main().catch((error: Error) => {
  process.stderr.write(`pejling-console failed to start: ${error.message}\n`);
  process.exit(1);
});
