import { Injectable, OnModuleInit } from '@nestjs/common';
import { OutboxBacklogRepository } from '../outbox/outbox-backlog.repository';
import { ServiceMetrics } from './service-metrics';

/** The outbox's depth and the age of its oldest unpublished row: a relay that cannot reach Kafka shows here first. */
@Injectable()
export class OutboxMetrics implements OnModuleInit {
  constructor(
    private readonly metrics: ServiceMetrics,
    private readonly outbox: OutboxBacklogRepository,
  ) {}

  onModuleInit(): void {
    const backlog = () => this.outbox.read();
    this.metrics.addGauge('pejling_outbox_depth', 'Events committed to the outbox and not yet published', [], async () => [
      { labels: {}, value: (await backlog()).rows },
    ]);
    this.metrics.addGauge(
      'pejling_outbox_oldest_age_seconds',
      'Age of the oldest unpublished outbox event (0 when empty)',
      [],
      async () => [{ labels: {}, value: (await backlog()).oldestAgeSeconds }],
    );
  }
}
