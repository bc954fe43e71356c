import { Counter, Gauge, Histogram } from 'prom-client';
import { BUCKETS, METRICS, metricsRegistry } from '@app/observability';

/** The collector's metrics (names and buckets from @app/observability's constants). */
export class IngestionMetrics {
  readonly messages = new Counter({
    name: METRICS.messagesConsumed,
    help: 'Kafka messages (aanleveringen) consumed, by technical outcome',
    labelNames: ['participant', 'technisch_ok'],
    registers: [metricsRegistry],
  });
  readonly linesConsumed = new Counter({
    name: METRICS.linesConsumed,
    help: 'Lines read from consumed messages',
    labelNames: ['participant'],
    registers: [metricsRegistry],
  });
  readonly linesStored = new Counter({
    name: METRICS.linesStored,
    help: 'Lines stored in ketenlog_events, by validity',
    labelNames: ['participant', 'valid'],
    registers: [metricsRegistry],
  });
  readonly linesDuplicate = new Counter({
    name: METRICS.linesDuplicate,
    help: 'Lines not stored because the same line was stored before',
    labelNames: ['participant'],
    registers: [metricsRegistry],
  });
  readonly linesRejected = new Counter({
    name: METRICS.linesRejected,
    help: 'Rejections written (lines or whole messages), by first rule',
    labelNames: ['participant', 'rule'],
    registers: [metricsRegistry],
  });
  readonly lineErrors = new Counter({
    name: METRICS.lineErrors,
    help: 'Functional errors on stored lines, by rule',
    labelNames: ['rule'],
    registers: [metricsRegistry],
  });
  readonly insertDuration = new Histogram({
    name: METRICS.insertDuration,
    help: 'Duration of ClickHouse inserts, by table',
    labelNames: ['table'],
    buckets: [...BUCKETS.insertSeconds],
    registers: [metricsRegistry],
  });
  readonly insertBatchRows = new Histogram({
    name: METRICS.insertBatchRows,
    help: 'Rows per ClickHouse insert, by table',
    labelNames: ['table'],
    buckets: [...BUCKETS.batchRows],
    registers: [metricsRegistry],
  });
  readonly insertFailures = new Counter({
    name: METRICS.insertFailures,
    help: 'Failed flushes to ClickHouse (retried with backoff)',
    registers: [metricsRegistry],
  });
  readonly bufferedRows = new Gauge({
    name: METRICS.bufferedRows,
    help: 'Rows processed and waiting to be written',
    registers: [metricsRegistry],
  });
  readonly consumerLag = new Gauge({
    name: METRICS.consumerLag,
    help: 'Messages behind the end of each partition at the last fetch',
    labelNames: ['topic', 'partition'],
    registers: [metricsRegistry],
  });
  readonly lastGroupJoin = new Gauge({
    name: METRICS.lastGroupJoin,
    help: 'Unix time (seconds) the collector last joined its consumer group (a rebalance)',
    registers: [metricsRegistry],
  });
  readonly freshness = new Histogram({
    name: METRICS.freshness,
    help: 'Seconds from Kafka append to queryable in ClickHouse, per aanlevering',
    buckets: [...BUCKETS.freshnessSeconds],
    registers: [metricsRegistry],
  });
}

let shared: IngestionMetrics | undefined;
/** Metrics register once per process (prom-client refuses duplicate names). */
export function ingestionMetrics(): IngestionMetrics {
  return (shared ??= new IngestionMetrics());
}
