-- event_rollup_1m / _1h: accepted lines per minute (hour) of event time, per participant, role,
-- event type and outcome (the catalog's event class, and the functional validity flag).
-- lines is a uniqExact state over event_uid: a line re-delivered in another batch (or inserted
-- twice by two racing collectors) is counted once. A uid always falls in one minute, so
-- per-bucket counts add up across buckets (sum of uniqExactMerge per bucket).
-- ORDER BY (participant_id, minute, ...): every use is per participant and period.
-- 1m kept 8 days; 1h kept 36 months. Expected cardinality: ~35 participants x ~30 event types.
CREATE TABLE IF NOT EXISTS {{db}}.event_rollup_1m
(
    minute           DateTime('UTC'),
    participant_id   LowCardinality(String),
    participant_role LowCardinality(String),
    event_type       LowCardinality(String),
    event_class      LowCardinality(String),
    valid            Bool,
    lines            AggregateFunction(uniqExact, UUID)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMMDD(minute)
ORDER BY (participant_id, minute, participant_role, event_type, event_class, valid)
TTL minute + INTERVAL 8 DAY DELETE;

CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.event_rollup_1m_mv TO {{db}}.event_rollup_1m AS
SELECT toStartOfMinute(event_time) AS minute, participant_id, participant_role, event_type, event_class, valid,
       uniqExactState(event_uid) AS lines
FROM {{db}}.ketenlog_events
GROUP BY minute, participant_id, participant_role, event_type, event_class, valid;

CREATE TABLE IF NOT EXISTS {{db}}.event_rollup_1h
(
    hour             DateTime('UTC'),
    participant_id   LowCardinality(String),
    participant_role LowCardinality(String),
    event_type       LowCardinality(String),
    event_class      LowCardinality(String),
    valid            Bool,
    lines            AggregateFunction(uniqExact, UUID)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(hour)
ORDER BY (participant_id, hour, participant_role, event_type, event_class, valid)
TTL hour + INTERVAL 36 MONTH DELETE;

CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.event_rollup_1h_mv TO {{db}}.event_rollup_1h AS
SELECT toStartOfHour(minute) AS hour, participant_id, participant_role, event_type, event_class, valid,
       uniqExactMergeState(lines) AS lines
FROM {{db}}.event_rollup_1m
GROUP BY hour, participant_id, participant_role, event_type, event_class, valid;
