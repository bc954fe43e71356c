import { Injectable } from '@nestjs/common';
import { Histogram, Registry } from 'prom-client';
import { HTTP_REQUEST_BUCKETS, HTTP_REQUEST_DURATION } from './metric-names';

/** The incident API's own metric registry (served on /metrics with the process defaults). */
@Injectable()
export class IncidentApiMetrics {
  readonly registry = new Registry();
  readonly httpDuration = new Histogram({
    name: HTTP_REQUEST_DURATION,
    help: 'Incident API request latency by route, method and status',
    labelNames: ['method', 'route', 'status'] as const,
    buckets: HTTP_REQUEST_BUCKETS,
    registers: [this.registry],
  });
}
