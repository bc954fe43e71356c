-- chain_outcomes: the decided classification of each chain, written by the chain finalizer
-- (libs/chains) from chain_parts and the event catalog. A chain is written when first decided
-- and again only when its classification changes (late lines); each row carries the previous
-- decision (prev_*), so the rollup views below add the new one and retract the old one and a
-- chain is never counted twice. Latest row per trace_id = current decision (argMax decided_at).
-- ORDER BY trace_id: look-up by chain. Expected cardinality: one or two rows per chain.
CREATE TABLE IF NOT EXISTS {{db}}.chain_outcomes
(
    trace_id           UUID,
    decided_at         DateTime64(3, 'UTC'),
    chain_start        DateTime64(3, 'UTC'),
    chain_end          DateTime64(3, 'UTC'),
    dvp_id             LowCardinality(String),
    dva_id             LowCardinality(String),
    zorgaanbieder      LowCardinality(String),
    gegevensdienst     LowCardinality(String),
    gegevensdiensten   Array(LowCardinality(String)),
    outcome            LowCardinality(String),
    error_area         LowCardinality(String),
    server_side        UInt8,
    dvp_logged         UInt8,
    dva_logged         UInt8,
    furthest_step      UInt8,
    furthest_event     LowCardinality(String),
    lines              UInt32,
    prev_outcome       LowCardinality(String),
    prev_chain_start   DateTime64(3, 'UTC'),
    prev_dvp_id        LowCardinality(String),
    prev_dva_id        LowCardinality(String),
    prev_zorgaanbieder LowCardinality(String),
    prev_gegevensdienst LowCardinality(String),
    prev_error_area    LowCardinality(String),
    prev_server_side   UInt8,
    prev_dvp_logged    UInt8,
    prev_dva_logged    UInt8
)
ENGINE = ReplacingMergeTree(decided_at)
PARTITION BY toYYYYMM(chain_start)
ORDER BY trace_id
TTL toDateTime(decided_at) + INTERVAL 36 MONTH DELETE;

-- chain_rollup_1m: decided chains per minute of chain start and per entity dimension. Signed
-- counts (+1 new decision, -1 retracted previous one) summed by SummingMergeTree; rows that sum
-- to zero disappear on merge. Serves the short burn-rate windows (5m .. 6h); kept 8 days.
-- ORDER BY leads with minute: the rule worker reads one time range for all entities at once.
-- Expected cardinality: at most one row per chain (national: ~100 a minute), usually fewer.
CREATE TABLE IF NOT EXISTS {{db}}.chain_rollup_1m
(
    minute         DateTime('UTC'),
    dvp_id         LowCardinality(String),
    dva_id         LowCardinality(String),
    zorgaanbieder  LowCardinality(String),
    gegevensdienst LowCardinality(String),
    outcome        LowCardinality(String),
    error_area     LowCardinality(String),
    server_side    UInt8,
    dvp_logged     UInt8,
    dva_logged     UInt8,
    chains         Int64
)
ENGINE = SummingMergeTree(chains)
PARTITION BY toYYYYMMDD(minute)
ORDER BY (minute, dvp_id, dva_id, zorgaanbieder, gegevensdienst, outcome, error_area, server_side, dvp_logged, dva_logged)
TTL minute + INTERVAL 8 DAY DELETE;

CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.chain_rollup_1m_add_mv TO {{db}}.chain_rollup_1m AS
SELECT toStartOfMinute(chain_start) AS minute, dvp_id, dva_id, zorgaanbieder, gegevensdienst, outcome,
       error_area, server_side, dvp_logged, dva_logged, toInt64(1) AS chains
FROM {{db}}.chain_outcomes;

CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.chain_rollup_1m_retract_mv TO {{db}}.chain_rollup_1m AS
SELECT toStartOfMinute(prev_chain_start) AS minute, prev_dvp_id AS dvp_id, prev_dva_id AS dva_id,
       prev_zorgaanbieder AS zorgaanbieder, prev_gegevensdienst AS gegevensdienst, prev_outcome AS outcome,
       prev_error_area AS error_area, prev_server_side AS server_side, prev_dvp_logged AS dvp_logged,
       prev_dva_logged AS dva_logged, toInt64(-1) AS chains
FROM {{db}}.chain_outcomes
WHERE prev_outcome != '';

-- chain_rollup_1h: the same per hour, for the long windows (3d, 30 days, calendar month) and
-- reports. ORDER BY leads with the DVA and zorgaanbieder so per-entity reads of the API prune,
-- partitioned by month so a 30-day read touches two partitions. Kept 36 months.
-- Expected cardinality: national ~5k rows an hour, ~4M a month.
CREATE TABLE IF NOT EXISTS {{db}}.chain_rollup_1h
(
    hour           DateTime('UTC'),
    dvp_id         LowCardinality(String),
    dva_id         LowCardinality(String),
    zorgaanbieder  LowCardinality(String),
    gegevensdienst LowCardinality(String),
    outcome        LowCardinality(String),
    error_area     LowCardinality(String),
    server_side    UInt8,
    dvp_logged     UInt8,
    dva_logged     UInt8,
    chains         Int64
)
ENGINE = SummingMergeTree(chains)
PARTITION BY toYYYYMM(hour)
ORDER BY (dva_id, zorgaanbieder, dvp_id, gegevensdienst, hour, outcome, error_area, server_side, dvp_logged, dva_logged)
TTL hour + INTERVAL 36 MONTH DELETE;

CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.chain_rollup_1h_mv TO {{db}}.chain_rollup_1h AS
SELECT toStartOfHour(minute) AS hour, dvp_id, dva_id, zorgaanbieder, gegevensdienst, outcome, error_area,
       server_side, dvp_logged, dva_logged, sum(chains) AS chains
FROM {{db}}.chain_rollup_1m
GROUP BY hour, dvp_id, dva_id, zorgaanbieder, gegevensdienst, outcome, error_area, server_side, dvp_logged, dva_logged;
