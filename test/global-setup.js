// Jest globalSetup: make sure a Kafka broker answers at KAFKA_BROKERS, starting a local one
// (scripts/kafka.mjs: real KRaft broker from Maven Central jars) when none does.
// Env set here is inherited by the test workers, which Jest forks after this runs.
module.exports = async function globalSetup() {
  process.env.KAFKA_BROKERS ??= '127.0.0.1:9092';
  process.env.KAFKAJS_NO_PARTITIONER_WARNING = '1';
  const { ensureBroker } = await import('../scripts/kafka.mjs');
  const { started } = await ensureBroker({ brokers: process.env.KAFKA_BROKERS });
  // Only globalTeardown can read this (same process); it decides whether to stop the broker.
  globalThis.__PEJLING_STARTED_BROKER__ = started;
};
