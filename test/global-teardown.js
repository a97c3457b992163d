// Jest globalTeardown: stop the broker only if this run started it; a broker that was already
// running (another run, docker-compose, `node scripts/kafka.mjs ensure`) is left alone.
// PEJLING_KEEP_BROKER=1 keeps it for the next run (saves the ~3 s start).
module.exports = async function globalTeardown() {
  if (!globalThis.__PEJLING_STARTED_BROKER__ || process.env.PEJLING_KEEP_BROKER === '1') return;
  const { stopBroker } = await import('../scripts/kafka.mjs');
  await stopBroker();
};
