-- ketenlog_rejections: what could not be accepted and why, for the participant to read back.
-- One row per rejected line (scope 'line') or per message that could not be read at all
-- (scope 'message'), with every failing rule, its JSON pointer and message, and a redacted copy
-- (BSN-like values masked, strings cut, at most 4 KB). rejection_id is deterministic
-- (aanlevering + line index), so a replay after a crash folds into the same row.
-- ORDER BY (participant_id, received_at, rejection_id): read back per participant and period.
-- Shorter retention than lines (REJECTION_RETENTION_MONTHS, default 6).
CREATE TABLE IF NOT EXISTS {{db}}.ketenlog_rejections
(
    rejection_id     UUID,
    participant_id   LowCardinality(String),
    aanlevering_id   UUID,
    scope            LowCardinality(String),
    line_index       Int32,
    rule_ids         Array(LowCardinality(String)),
    pointers         Array(String),
    messages         Array(String),
    event_type       LowCardinality(String),
    trace_id         String,
    redacted_excerpt String CODEC(ZSTD(3)),
    source           LowCardinality(String),
    kafka_topic      LowCardinality(String),
    kafka_partition  UInt32,
    kafka_offset     UInt64,
    received_at      DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(received_at)
ORDER BY (participant_id, received_at, rejection_id)
TTL toDateTime(received_at) + INTERVAL 6 MONTH DELETE
SETTINGS non_replicated_deduplication_window = 10000;
