export { JsonLogger } from './json-logger';
export { BUCKETS, METRICS } from './metric-names';
export { collectProcessMetrics, metricsRegistry } from './metrics';
export {
  HEALTH_CHECKS,
  HealthCheck,
  METRIC_REGISTRIES,
  ObservabilityController,
} from './observability.controller';
export { startTracing, stopTracing } from './tracing';
