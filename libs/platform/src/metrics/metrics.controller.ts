import { Controller, Get, Header } from '@nestjs/common';
import { Public } from '../access/roles';
import { ApiDoc } from '../openapi/api-doc';
import { ServiceMetrics } from './service-metrics';

/** `/metrics` in Prometheus' text format, without a key like /health: it holds counts and timings, no figures or names. */
@Controller('metrics')
export class MetricsController {
  constructor(private readonly metrics: ServiceMetrics) {}

  @Get()
  @Public()
  @Header('content-type', 'text/plain; version=0.0.4; charset=utf-8')
  @ApiDoc({
    summary: 'Prometheus metrics (HTTP latency, Kafka messages and lag, outbox, queues, service state)',
    tags: ['health'],
    responses: { 200: { description: 'Prometheus text format', contentType: 'text/plain' } },
  })
  render(): Promise<string> {
    return this.metrics.render();
  }
}
