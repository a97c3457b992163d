import { Logger } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** One value of a gauge read at scrape time, with its labels. */
export interface Sample {
  labels: Record<string, string>;
  value: number;
}

/**
 * A service's Prometheus metrics, in a registry of its own (tests run several services in one
 * process): Node's process metrics, HTTP latency by route and status, Kafka messages by outcome,
 * rows the retention jobs pruned, and gauges each part of the service reads when Prometheus scrapes `/metrics`.
 */
export class ServiceMetrics {
  readonly registry = new Registry();
  readonly httpDuration: Histogram<'method' | 'route' | 'status'>;
  readonly messages: Counter<'topic' | 'outcome'>;
  readonly prunedRows: Counter<'table'>;
  private readonly log = new Logger(ServiceMetrics.name);

  constructor(readonly service: string) {
    this.registry.setDefaultLabels({ service });
    this.addProcessMetrics();
    this.httpDuration = new Histogram({
      name: 'pejling_http_request_duration_seconds',
      help: 'HTTP requests by method, route pattern and status',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30],
      registers: [this.registry],
    });
    this.messages = new Counter({
      name: 'pejling_messages_total',
      help: 'Kafka messages taken by this service, by topic and outcome (handled, dead_lettered)',
      labelNames: ['topic', 'outcome'],
      registers: [this.registry],
    });
    this.prunedRows = new Counter({
      name: 'pejling_retention_pruned_rows_total',
      help: 'Rows the retention jobs deleted, by table',
      labelNames: ['table'],
      registers: [this.registry],
    });
  }

  /**
   * A gauge whose samples `read` gives at each scrape (a count in the database, a queue's jobs,
   * the consumer's lag). A failing read keeps the gauge empty for that scrape and is logged.
   */
  addGauge(name: string, help: string, labelNames: string[], read: () => Promise<Sample[]>): void {
    const log = this.log;
    new Gauge({
      name,
      help,
      labelNames,
      registers: [this.registry],
      async collect() {
        this.reset();
        try {
          for (const sample of await read()) this.set(sample.labels, sample.value);
        } catch (error) {
          log.warn({ err: error, metric: name }, 'metric could not be read');
        }
      },
    });
  }

  render(): Promise<string> {
    return this.registry.metrics();
  }

  /**
   * The process's memory and CPU, read at each scrape. Not prom-client's collectDefaultMetrics:
   * its GC observer and event-loop monitor are process-wide hooks that are never removed, and
   * would keep every service (and, under Jest, every test file's modules) alive.
   */
  private addProcessMetrics(): void {
    this.addGauge('pejling_process_resident_memory_bytes', 'Resident memory of the process', [], async () => [
      { labels: {}, value: process.memoryUsage().rss },
    ]);
    this.addGauge('pejling_process_heap_used_bytes', 'V8 heap in use', [], async () => [
      { labels: {}, value: process.memoryUsage().heapUsed },
    ]);
    this.addGauge('pejling_process_cpu_seconds_total', 'CPU time the process has used (user and system)', [], async () => {
      const { user, system } = process.cpuUsage();
      return [{ labels: {}, value: (user + system) / 1e6 }];
    });
  }
}
