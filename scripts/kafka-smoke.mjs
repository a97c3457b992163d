#!/usr/bin/env node
// Smoke test of the running broker with kafkajs: a 3-partition topic, 1000 keyed messages,
// consumed by a consumer group (join, assignment, offset commits). Cleans up after itself.
//   node scripts/kafka-smoke.mjs          (KAFKA_BROKERS, default 127.0.0.1:9092)
import { randomBytes } from 'node:crypto';
import kafkajs from 'kafkajs';

const { Kafka, logLevel, Partitioners } = kafkajs;

const BROKERS = (process.env.KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
const MESSAGES = 1000;
const KEYS = 50;
const PARTITIONS = 3;
const TIMEOUT_MS = 60_000;

const run = randomBytes(4).toString('hex');
const topic = `pejling.smoke-${run}`;
const groupId = `pejling-smoke-${run}`;
const kafka = new Kafka({ clientId: 'pejling-smoke', brokers: BROKERS, logLevel: logLevel.WARN });

async function produce() {
  const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
  await producer.connect();
  try {
    // 10 requests of 100 so the broker sees several batches, not one.
    for (let start = 0; start < MESSAGES; start += 100) {
      const messages = Array.from({ length: 100 }, (_, j) => {
        const i = start + j;
        return { key: `key-${i % KEYS}`, value: JSON.stringify({ i }) };
      });
      await producer.send({ topic, messages });
    }
  } finally {
    await producer.disconnect();
  }
}

/** Consume until every message arrived; checks per-key order and partition spread. */
async function consume() {
  const consumer = kafka.consumer({ groupId });
  const lastByKey = new Map();
  const partitions = new Set();
  let count = 0;
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  try {
    await new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`consumed ${count}/${MESSAGES} within ${TIMEOUT_MS} ms`)), TIMEOUT_MS);
      consumer.on(consumer.events.CRASH, ({ payload }) => {
        clearTimeout(timer);
        reject(payload.error);
      });
      consumer
        .run({
          eachMessage: async ({ partition, message }) => {
            const key = message.key.toString();
            const { i } = JSON.parse(message.value.toString());
            if (lastByKey.has(key) && lastByKey.get(key) >= i) reject(new Error(`out of order for ${key}: ${i}`));
            lastByKey.set(key, i);
            partitions.add(partition);
            if (++count === MESSAGES) {
              clearTimeout(timer);
              resolve();
            }
          },
        })
        .catch(reject);
    });
  } finally {
    await consumer.disconnect(); // commits the offsets resolved so far
  }
  return { partitions: partitions.size };
}

async function committedTotal(admin) {
  const [{ partitions }] = await admin.fetchOffsets({ groupId, topics: [topic] });
  return partitions.reduce((sum, p) => sum + Number(p.offset), 0);
}

async function main() {
  const admin = kafka.admin();
  await admin.connect();
  const t0 = performance.now();
  try {
    await admin.createTopics({ topics: [{ topic, numPartitions: PARTITIONS }], waitForLeaders: true });
    const t1 = performance.now();
    await produce();
    const t2 = performance.now();
    const { partitions } = await consume();
    const t3 = performance.now();
    const committed = await committedTotal(admin);
    if (partitions !== PARTITIONS) throw new Error(`messages landed on ${partitions} partitions, expected ${PARTITIONS}`);
    if (committed !== MESSAGES) throw new Error(`group committed offsets summing to ${committed}, expected ${MESSAGES}`);
    const ms = (a, b) => `${Math.round(b - a)} ms`;
    console.log(`kafka-smoke: ok - ${MESSAGES} keyed messages over ${partitions} partitions, ${committed} offsets committed`);
    console.log(
      `kafka-smoke: create topic ${ms(t0, t1)}, produce ${ms(t1, t2)}, ` + `consume incl. group join ${ms(t2, t3)}, total ${ms(t0, t3)}`,
    );
  } finally {
    await admin.deleteGroups([groupId]).catch(() => undefined);
    await admin.deleteTopics({ topics: [topic] }).catch(() => undefined);
    await admin.disconnect();
  }
}

main().catch((err) => {
  console.error(`kafka-smoke: FAILED - ${err.message}`);
  process.exitCode = 1;
});
