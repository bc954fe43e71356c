-- failed_chains: the chains whose decision was a failure (error, abandoned, one-sided), once per
-- party (role 'dvp' / 'dva'), for the dashboards' "recent failed chains" of one participant.
-- chain_outcomes is ordered by trace_id, so a participant's recent failures would scan the
-- month; here they are one primary-key range. Rows are candidates only: a late line can turn a
-- failed chain into a happy one (the new decision is not a failure, so nothing is added and the
-- old row stays); readers confirm the latest decision in chain_outcomes by trace_id.
-- ORDER BY (role, participant_id, chain_start, trace_id): per participant and period, newest
-- last. Expected cardinality: two rows per failed chain (a few percent of all chains).
-- Kept as long as chain_outcomes (36 months). Backfilled from chain_outcomes below.
CREATE TABLE IF NOT EXISTS {{db}}.failed_chains
(
    role           LowCardinality(String),
    participant_id LowCardinality(String),
    chain_start    DateTime64(3, 'UTC'),
    trace_id       UUID,
    outcome        LowCardinality(String),
    decided_at     DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(decided_at)
PARTITION BY toYYYYMM(chain_start)
ORDER BY (role, participant_id, chain_start, trace_id)
TTL toDateTime(decided_at) + INTERVAL 36 MONTH DELETE;

CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.failed_chains_mv TO {{db}}.failed_chains AS
SELECT tupleElement(party, 1) AS role, tupleElement(party, 2) AS participant_id, chain_start, trace_id, outcome, decided_at
FROM {{db}}.chain_outcomes
ARRAY JOIN [('dvp', toString(dvp_id)), ('dva', toString(dva_id))] AS party
WHERE outcome IN ('error', 'abandoned', 'one_sided') AND tupleElement(party, 2) != '';

INSERT INTO {{db}}.failed_chains (role, participant_id, chain_start, trace_id, outcome, decided_at)
SELECT tupleElement(party, 1), tupleElement(party, 2), chain_start, trace_id, outcome, decided_at
FROM {{db}}.chain_outcomes
ARRAY JOIN [('dvp', toString(dvp_id)), ('dva', toString(dva_id))] AS party
WHERE outcome IN ('error', 'abandoned', 'one_sided') AND tupleElement(party, 2) != '';
