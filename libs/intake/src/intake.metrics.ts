import { Injectable } from '@nestjs/common';
import { Counter, Histogram } from 'prom-client';
import { metricsRegistry } from '@app/observability';

/** Metric names and buckets of the intake, in one place. */
export const INTAKE_METRICS = {
  batches: 'ketenmonitor_intake_batches_total',
  lines: 'ketenmonitor_intake_lines_total',
  bytes: 'ketenmonitor_intake_bytes_total',
  produceSeconds: 'ketenmonitor_intake_produce_duration_seconds',
} as const;
export const INTAKE_PRODUCE_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

function counter(name: string, help: string, labelNames: string[]): Counter<string> {
  const existing = metricsRegistry.getSingleMetric(name);
  if (existing) return existing as Counter<string>;
  return new Counter({ name, help, labelNames, registers: [metricsRegistry] });
}

/** Counters of what the intake accepted and refused, on the process registry (/metrics). */
@Injectable()
export class IntakeMetrics {
  readonly batches = counter(INTAKE_METRICS.batches, 'Batches posted, by outcome', ['outcome']);
  readonly lines = counter(INTAKE_METRICS.lines, 'Lines accepted (acknowledged by Kafka)', []);
  readonly bytes = counter(INTAKE_METRICS.bytes, 'Bytes of accepted batches (after gunzip)', []);
  readonly produceSeconds =
    (metricsRegistry.getSingleMetric(INTAKE_METRICS.produceSeconds) as Histogram<string> | undefined) ??
    new Histogram({
      name: INTAKE_METRICS.produceSeconds,
      help: 'Time from a checked batch to the Kafka acknowledgement',
      buckets: INTAKE_PRODUCE_BUCKETS,
      registers: [metricsRegistry],
    });
}
