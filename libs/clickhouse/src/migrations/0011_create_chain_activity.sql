-- chain_activity: which chains received lines when (received_at = Kafka append time, minute
-- precision). The chain finalizer re-evaluates exactly the chains touched within its look-back
-- (the one-sided grace period plus a margin), including chains whose lines arrive late, without
-- scanning chain_parts (ordered by trace_id).
-- ORDER BY (received_minute, trace_id): a time-range read; duplicates fold (ReplacingMergeTree).
-- Expected cardinality: about one row per chain per delivery minute; kept 7 days.
CREATE TABLE IF NOT EXISTS {{db}}.chain_activity
(
    received_minute DateTime('UTC'),
    trace_id        UUID
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMMDD(received_minute)
ORDER BY (received_minute, trace_id)
TTL received_minute + INTERVAL 7 DAY DELETE;

CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.chain_activity_mv TO {{db}}.chain_activity AS
SELECT DISTINCT toStartOfMinute(received_at) AS received_minute, trace_id
FROM {{db}}.ketenlog_events;
