-- hops: one row per paired hop: a send_X of one party matched with the receive_X of the other
-- (pairs come from the catalog's counterpart field) by trace_id and request id. latency_ms is
-- receive time minus send time, each on its own party's clock, so it also carries their clock
-- offset: request hops (DVP -> DVA) show +offset, response hops (DVA -> DVP) -offset. Written
-- once per hop by the chain finalizer. ORDER BY (trace_id, hop, request_key): one row per hop.
-- Expected cardinality: ~4 hops per complete chain. Kept 90 days (figures live in the rollups).
CREATE TABLE IF NOT EXISTS {{db}}.hops
(
    trace_id       UUID,
    hop            LowCardinality(String),
    request_key    String,
    direction      LowCardinality(String),
    sender_id      LowCardinality(String),
    receiver_id    LowCardinality(String),
    dvp_id         LowCardinality(String),
    dva_id         LowCardinality(String),
    zorgaanbieder  LowCardinality(String),
    gegevensdienst LowCardinality(String),
    sent_at        DateTime64(3, 'UTC'),
    arrived_at     DateTime64(3, 'UTC'),
    latency_ms     Int64,
    recorded_at    DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(recorded_at)
PARTITION BY toYYYYMM(sent_at)
ORDER BY (trace_id, hop, request_key)
TTL toDateTime(sent_at) + INTERVAL 90 DAY DELETE;

-- hop_rollup_1m / _1h: per minute (hour) of sending, per entity dimension, hop and direction:
-- count, cumulative latency buckets (event-weighted latency SLOs) and a t-digest of latency
-- (percentiles; the median per direction gives the clock-skew estimate of a DVP x DVA pair).
-- 1m kept 8 days (burn windows, skew), 1h kept 36 months. ORDER BY as chain_rollup_*.
CREATE TABLE IF NOT EXISTS {{db}}.hop_rollup_1m
(
    minute         DateTime('UTC'),
    dvp_id         LowCardinality(String),
    dva_id         LowCardinality(String),
    zorgaanbieder  LowCardinality(String),
    gegevensdienst LowCardinality(String),
    hop            LowCardinality(String),
    direction      LowCardinality(String),
    hops           SimpleAggregateFunction(sum, UInt64),
    le_250         SimpleAggregateFunction(sum, UInt64),
    le_500         SimpleAggregateFunction(sum, UInt64),
    le_1000        SimpleAggregateFunction(sum, UInt64),
    le_2000        SimpleAggregateFunction(sum, UInt64),
    le_5000        SimpleAggregateFunction(sum, UInt64),
    le_10000       SimpleAggregateFunction(sum, UInt64),
    latency        AggregateFunction(quantilesTDigest(0.5, 0.95, 0.99), Float64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMMDD(minute)
ORDER BY (minute, dvp_id, dva_id, zorgaanbieder, gegevensdienst, hop, direction)
TTL minute + INTERVAL 8 DAY DELETE;

CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.hop_rollup_1m_mv TO {{db}}.hop_rollup_1m AS
SELECT toStartOfMinute(sent_at) AS minute, dvp_id, dva_id, zorgaanbieder, gegevensdienst, hop, direction,
       count() AS hops,
       countIf(latency_ms <= 250) AS le_250,
       countIf(latency_ms <= 500) AS le_500,
       countIf(latency_ms <= 1000) AS le_1000,
       countIf(latency_ms <= 2000) AS le_2000,
       countIf(latency_ms <= 5000) AS le_5000,
       countIf(latency_ms <= 10000) AS le_10000,
       quantilesTDigestState(0.5, 0.95, 0.99)(toFloat64(latency_ms)) AS latency
FROM {{db}}.hops
GROUP BY minute, dvp_id, dva_id, zorgaanbieder, gegevensdienst, hop, direction;

CREATE TABLE IF NOT EXISTS {{db}}.hop_rollup_1h
(
    hour           DateTime('UTC'),
    dvp_id         LowCardinality(String),
    dva_id         LowCardinality(String),
    zorgaanbieder  LowCardinality(String),
    gegevensdienst LowCardinality(String),
    hop            LowCardinality(String),
    direction      LowCardinality(String),
    hops           SimpleAggregateFunction(sum, UInt64),
    le_250         SimpleAggregateFunction(sum, UInt64),
    le_500         SimpleAggregateFunction(sum, UInt64),
    le_1000        SimpleAggregateFunction(sum, UInt64),
    le_2000        SimpleAggregateFunction(sum, UInt64),
    le_5000        SimpleAggregateFunction(sum, UInt64),
    le_10000       SimpleAggregateFunction(sum, UInt64),
    latency        AggregateFunction(quantilesTDigest(0.5, 0.95, 0.99), Float64)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(hour)
ORDER BY (dva_id, zorgaanbieder, dvp_id, gegevensdienst, hour, hop, direction)
TTL hour + INTERVAL 36 MONTH DELETE;

CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.hop_rollup_1h_mv TO {{db}}.hop_rollup_1h AS
SELECT toStartOfHour(minute) AS hour, dvp_id, dva_id, zorgaanbieder, gegevensdienst, hop, direction,
       sum(hops) AS hops, sum(le_250) AS le_250, sum(le_500) AS le_500, sum(le_1000) AS le_1000,
       sum(le_2000) AS le_2000, sum(le_5000) AS le_5000, sum(le_10000) AS le_10000,
       quantilesTDigestMergeState(0.5, 0.95, 0.99)(latency) AS latency
FROM {{db}}.hop_rollup_1m
GROUP BY hour, dvp_id, dva_id, zorgaanbieder, gegevensdienst, hop, direction;
