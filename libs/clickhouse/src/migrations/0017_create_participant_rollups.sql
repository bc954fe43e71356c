-- chain_rollup_pair_1h / hop_rollup_pair_1h: the hourly rollups without the zorgaanbieder and
-- gegevensdienst dimensions, per DVP x DVA pair. Reads of one DVP, one DVA or one pair (the
-- operators' read API) scan a few thousand rows here instead of every zorgaanbieder's rows.
-- Fed from the minute rollups (like the *_1h tables); rows before this migration are not
-- backfilled (the 30-day figures of DVPs/DVAs fill up within a month, the per-zorgaanbieder
-- tables keep serving the rule worker). ORDER BY (dvp_id, dva_id, hour, ...): one DVP prunes
-- by the first key, one DVA by generic exclusion over the few DVPs. Kept 36 months.
-- Expected cardinality: at most (DVPs x DVAs x outcomes) rows an hour, ~2k nationally.
CREATE TABLE IF NOT EXISTS {{db}}.chain_rollup_pair_1h
(
    hour           DateTime('UTC'),
    dvp_id         LowCardinality(String),
    dva_id         LowCardinality(String),
    outcome        LowCardinality(String),
    error_area     LowCardinality(String),
    server_side    UInt8,
    dvp_logged     UInt8,
    dva_logged     UInt8,
    chains         Int64
)
ENGINE = SummingMergeTree(chains)
PARTITION BY toYYYYMM(hour)
ORDER BY (dvp_id, dva_id, hour, outcome, error_area, server_side, dvp_logged, dva_logged)
TTL hour + INTERVAL 36 MONTH DELETE;

CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.chain_rollup_pair_1h_mv TO {{db}}.chain_rollup_pair_1h AS
SELECT toStartOfHour(minute) AS hour, dvp_id, dva_id, outcome, error_area, server_side, dvp_logged, dva_logged,
       sum(chains) AS chains
FROM {{db}}.chain_rollup_1m
GROUP BY hour, dvp_id, dva_id, outcome, error_area, server_side, dvp_logged, dva_logged;

CREATE TABLE IF NOT EXISTS {{db}}.hop_rollup_pair_1h
(
    hour           DateTime('UTC'),
    dvp_id         LowCardinality(String),
    dva_id         LowCardinality(String),
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
ORDER BY (dvp_id, dva_id, hour, hop, direction)
TTL hour + INTERVAL 36 MONTH DELETE;

CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.hop_rollup_pair_1h_mv TO {{db}}.hop_rollup_pair_1h AS
SELECT toStartOfHour(minute) AS hour, dvp_id, dva_id, hop, direction,
       sum(hops) AS hops, sum(le_250) AS le_250, sum(le_500) AS le_500, sum(le_1000) AS le_1000,
       sum(le_2000) AS le_2000, sum(le_5000) AS le_5000, sum(le_10000) AS le_10000,
       quantilesTDigestMergeState(0.5, 0.95, 0.99)(latency) AS latency
FROM {{db}}.hop_rollup_1m
GROUP BY hour, dvp_id, dva_id, hop, direction;
