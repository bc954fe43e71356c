-- chain_parts: per trace_id (keten) and per participant that logged, everything chain analysis
-- needs, folded as the lines arrive: first/last event time, the scope (zorgaanbieder,
-- gegevensdiensten) wherever a line carried it, session ids, and the set of steps
-- (event type, time, request key, status, error code, client/server participant) it logged.
-- Classification (happy/alternative/error/abandoned/one-sided/in progress) is NOT computed here:
-- it is driven by the event catalog (data) in libs/chains and written to chain_outcomes.
-- A re-delivered line yields the same step tuple (groupUniqArray) and the same event_uid
-- (uniqExact), so nothing is counted twice even if two collectors race.
-- ORDER BY (trace_id, participant_id, participant_role): chain look-ups and the finalizer read
-- by trace_id; one row per party after merges. PARTITION BY month of the first event; a chain
-- straddling a month boundary has a partial row in each, merged at query time (GROUP BY).
-- Expected cardinality: ~2 rows per chain, a few million chains a month nationally. Kept 90 days:
-- the decided classification lives on in chain_outcomes; lines in ketenlog_events.
CREATE TABLE IF NOT EXISTS {{db}}.chain_parts
(
    trace_id         UUID,
    participant_id   LowCardinality(String),
    participant_role LowCardinality(String),
    first_event_time SimpleAggregateFunction(min, DateTime64(3, 'UTC')),
    last_event_time  SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    last_received_at SimpleAggregateFunction(max, DateTime64(3, 'UTC')),
    zorgaanbieder    SimpleAggregateFunction(max, String),
    gegevensdiensten SimpleAggregateFunction(groupUniqArrayArray, Array(String)),
    session_ids      SimpleAggregateFunction(groupUniqArrayArray, Array(String)),
    steps            SimpleAggregateFunction(groupUniqArrayArray, Array(Tuple(
                         event_type String,
                         event_time DateTime64(3, 'UTC'),
                         request_key String,
                         status UInt16,
                         error_code String,
                         client_participant_id String,
                         server_participant_id String))),
    lines            AggregateFunction(uniqExact, UUID)
)
ENGINE = AggregatingMergeTree
PARTITION BY toYYYYMM(first_event_time)
ORDER BY (trace_id, participant_id, participant_role)
TTL toDateTime(last_event_time) + INTERVAL 90 DAY DELETE;

CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.chain_parts_mv TO {{db}}.chain_parts AS
SELECT
    trace_id,
    participant_id,
    participant_role,
    min(event_time) AS first_event_time,
    max(event_time) AS last_event_time,
    max(received_at) AS last_received_at,
    max(toString(zorgaanbieder)) AS zorgaanbieder,
    groupUniqArrayArray(CAST(gegevensdiensten, 'Array(String)')) AS gegevensdiensten,
    groupUniqArrayIf(session_id, session_id != '') AS session_ids,
    groupUniqArray(CAST((
        toString(event_type),
        event_time,
        if(request_id != '', request_id, response_request_id),
        response_status,
        toString(error_code),
        toString(client_participant_id),
        toString(server_participant_id)
    ), 'Tuple(event_type String, event_time DateTime64(3, \'UTC\'), request_key String, status UInt16, error_code String, client_participant_id String, server_participant_id String)')) AS steps,
    uniqExactState(event_uid) AS lines
FROM {{db}}.ketenlog_events
GROUP BY trace_id, participant_id, participant_role;
