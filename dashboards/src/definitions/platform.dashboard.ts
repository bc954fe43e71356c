import { METRICS } from '@app/observability';
import { DashboardDefinition, PanelDefinition } from '../panel-kit';

/** A Prometheus timeseries panel with one query per [expr, legend]. */
function prom(
  title: string,
  unit: string,
  queries: ReadonlyArray<[expr: string, legend: string]>,
  description?: string,
): PanelDefinition {
  return {
    title,
    description,
    type: 'timeseries',
    datasource: 'prometheus',
    w: 12,
    h: 8,
    unit,
    targets: queries.map(([expr, legend], i) => ({ refId: String.fromCharCode(65 + i), expr, legend })),
  };
}

/** The platform's own health from its Prometheus metrics (names: libs/observability). */
export const PLATFORM: DashboardDefinition = {
  uid: 'platform',
  file: 'platform',
  title: 'Platform',
  description:
    'Gezondheid van het platform zelf: inname, achterstand, afwijzingen, schrijflatentie, rule worker.',
  tags: ['ketenmonitor', 'platform'],
  time: { from: 'now-6h', to: 'now' },
  variables: [],
  panels: [
    prom('Inname (regels/s)', 'short', [
      [`sum(rate(${METRICS.linesConsumed}[5m]))`, 'ontvangen'],
      [`sum(rate(${METRICS.linesStored}[5m]))`, 'opgeslagen'],
      [`sum(rate(${METRICS.linesDuplicate}[5m]))`, 'dubbel'],
    ]),
    prom('Achterstand', 'short', [
      [`sum by (topic) (${METRICS.consumerLag})`, '{{topic}}'],
      [`sum(${METRICS.bufferedRows})`, 'gebufferd'],
    ]),
    prom(
      'Versheid (Kafka tot opvraagbaar)',
      's',
      [
        [`histogram_quantile(0.5, sum by (le) (rate(${METRICS.freshness}_bucket[5m])))`, 'p50'],
        [`histogram_quantile(0.99, sum by (le) (rate(${METRICS.freshness}_bucket[5m])))`, 'p99'],
      ],
      'Van Kafka-append tot opvraagbaar in ClickHouse.',
    ),
    prom('Afwijzingen', 'short', [
      [`sum by (participant) (rate(${METRICS.linesRejected}[5m]))`, 'afgewezen {{participant}}'],
      [`sum by (rule) (rate(${METRICS.lineErrors}[5m]))`, 'ongeldig {{rule}}'],
    ]),
    prom('Schrijflatentie ClickHouse', 's', [
      [
        `histogram_quantile(0.95, sum by (le, table) (rate(${METRICS.insertDuration}_bucket[5m])))`,
        'p95 {{table}}',
      ],
      [`sum by (table) (rate(${METRICS.insertFailures}[5m]))`, 'fouten {{table}}'],
    ]),
    prom('Rule worker', 's', [
      [
        `histogram_quantile(0.95, sum by (le) (rate(${METRICS.ruleCycleDuration}_bucket[15m])))`,
        'p95 cyclus',
      ],
      [`max(${METRICS.ruleCycleEntities})`, 'entiteiten'],
    ]),
  ],
};
