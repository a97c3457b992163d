#!/usr/bin/env node
// Writes Pejling's goal breaches to a CSV file, as an integrator's own consumer would: kafkajs to
// read the topic, the cloudevents SDK to decode each message (binary mode, Kafka protocol binding).
// Usage: KAFKA_BROKERS=127.0.0.1:9092 OUT=breaches.csv node examples/breaches-to-csv/index.js
'use strict';
const { appendFileSync, existsSync, writeFileSync } = require('node:fs');
const { Kafka, logLevel } = require('kafkajs');
const { Kafka: CloudEventsKafka } = require('cloudevents');

const COLUMNS = [
  'time',
  'eventId',
  'municipality',
  'goalId',
  'planGoalId',
  'goalName',
  'period',
  'value',
  'required',
  'state',
  'explanation',
];

/** One CSV field: quoted when it holds a comma, quote or line break. */
function field(value) {
  const text = value === null || value === undefined ? '' : String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function row(event) {
  const data = typeof event.data === 'string' ? JSON.parse(event.data) : event.data;
  return [
    event.time,
    event.id,
    event.municipality,
    data.goalId,
    data.planGoalId,
    data.goalName,
    data.period,
    data.value,
    data.required,
    data.state,
    data.explanation.en,
  ]
    .map(field)
    .join(',');
}

/** Consumes `topic` and appends a row per goal.breached event to `out`; resolves to a handle that stops it. */
async function run({ brokers, topic, groupId, out, fromBeginning = true }) {
  if (!existsSync(out)) writeFileSync(out, `${COLUMNS.join(',')}\n`);
  const consumer = new Kafka({ clientId: 'breaches-to-csv', brokers: brokers.split(','), logLevel: logLevel.WARN }).consumer({ groupId });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const headers = Object.fromEntries(Object.entries(message.headers ?? {}).map(([name, value]) => [name, String(value)]));
      // Only CloudEvents (ce_specversion); a JSON envelope from a producer not yet upgraded is skipped.
      if (!headers.ce_specversion) return;
      const value = message.value ? message.value.toString() : '';
      const event = CloudEventsKafka.toEvent({ key: message.key ? message.key.toString() : undefined, headers, body: value, value });
      if (event.type !== 'goal.breached') return;
      appendFileSync(out, `${row(event)}\n`);
    },
  });
  return { stop: () => consumer.disconnect() };
}

module.exports = { run, COLUMNS };

if (require.main === module) {
  const prefix = process.env.KAFKA_TOPIC_PREFIX ?? '';
  run({
    brokers: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    topic: `${prefix}pejling.goal-transitions.v1`,
    groupId: process.env.GROUP_ID ?? `${prefix}breaches-to-csv`,
    out: process.env.OUT ?? 'breaches.csv',
  }).then(
    (handle) => {
      const stop = () => handle.stop().then(() => process.exit(0));
      process.once('SIGTERM', stop);
      process.once('SIGINT', stop);
      process.stdout.write('breaches-to-csv: consuming\n');
    },
    (error) => {
      process.stderr.write(`breaches-to-csv failed: ${error.message}\n`);
      process.exit(1);
    },
  );
}
