/** Every metric name and histogram bucket set of the platform, in one place. */
export const METRICS = {
  linesConsumed: 'ketenlog_lines_consumed_total',
  linesStored: 'ketenlog_lines_stored_total',
  linesDuplicate: 'ketenlog_lines_duplicate_total',
  linesRejected: 'ketenlog_lines_rejected_total',
  lineErrors: 'ketenlog_line_errors_total',
  messagesConsumed: 'ketenlog_messages_consumed_total',
  aanleveringen: 'ketenlog_aanleveringen_total',
  insertDuration: 'ketenlog_insert_duration_seconds',
  insertBatchRows: 'ketenlog_insert_batch_rows',
  insertFailures: 'ketenlog_insert_failures_total',
  consumerLag: 'ketenlog_consumer_lag_messages',
  bufferedRows: 'ketenlog_buffered_rows',
  freshness: 'ketenlog_ingest_freshness_seconds',
  lastGroupJoin: 'ketenlog_consumer_last_group_join_timestamp_seconds',
  sloSli: 'ketenmonitor_slo_sli_ratio',
  sloBurnRate: 'ketenmonitor_slo_burn_rate',
  sloBudgetRemaining: 'ketenmonitor_slo_error_budget_remaining',
  sloInsufficientData: 'ketenmonitor_slo_insufficient_data',
  ruleAlertFiring: 'ketenmonitor_rule_alert_firing',
  deliveryAge: 'ketenmonitor_delivery_age_seconds',
  clockSkew: 'ketenmonitor_clock_skew_seconds',
  ruleCycleDuration: 'ketenmonitor_rule_cycle_duration_seconds',
  ruleCycleEntities: 'ketenmonitor_rule_cycle_entities',
} as const;

export const BUCKETS = {
  insertSeconds: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  batchRows: [1, 10, 100, 500, 1000, 5000, 10000, 20000, 50000, 100000],
  freshnessSeconds: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30, 60, 300],
  ruleCycleSeconds: [0.05, 0.1, 0.25, 0.5, 1, 2, 5, 10, 30],
} as const;
