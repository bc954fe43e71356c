-- hop_rollup_pair_1d: hop_rollup_pair_1h per day. Percentiles need t-digest merges, one per
-- stored state: a DVP's or DVA's 30 days in the hourly table are some 250k states (over half a
-- second on two cores); per day they are 24 times fewer. Dashboards read whole days in the
-- range from here and the partial first and last day from the hourly table.
-- Fed from hop_rollup_pair_1h (its inserts come from hop_rollup_1m) and backfilled from it;
-- like every migration it runs at start-up, before the collector writes.
-- ORDER BY (dvp_id, dva_id, day, hop, direction) as the hourly table, in granules of 1024 rows:
-- a pair's month is only some 200 rows here, so with the default 8192 one DVA's rows would sit
-- in most granules of the table. Kept 36 months.
CREATE TABLE IF NOT EXISTS {{db}}.hop_rollup_pair_1d
(
    day            Date,
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
PARTITION BY toYYYYMM(day)
ORDER BY (dvp_id, dva_id, day, hop, direction)
TTL day + INTERVAL 36 MONTH DELETE
SETTINGS index_granularity = 1024;

CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.hop_rollup_pair_1d_mv TO {{db}}.hop_rollup_pair_1d AS
SELECT toDate(hour) AS day, dvp_id, dva_id, hop, direction,
       sum(hops) AS hops, sum(le_250) AS le_250, sum(le_500) AS le_500, sum(le_1000) AS le_1000,
       sum(le_2000) AS le_2000, sum(le_5000) AS le_5000, sum(le_10000) AS le_10000,
       quantilesTDigestMergeState(0.5, 0.95, 0.99)(latency) AS latency
FROM {{db}}.hop_rollup_pair_1h
GROUP BY day, dvp_id, dva_id, hop, direction;

INSERT INTO {{db}}.hop_rollup_pair_1d
SELECT toDate(hour) AS day, dvp_id, dva_id, hop, direction,
       sum(hops), sum(le_250), sum(le_500), sum(le_1000), sum(le_2000), sum(le_5000), sum(le_10000),
       quantilesTDigestMergeState(0.5, 0.95, 0.99)(latency)
FROM {{db}}.hop_rollup_pair_1h
GROUP BY day, dvp_id, dva_id, hop, direction;
