-- ketenlog_events: one row per accepted ketenlog line (valid or flagged invalid).
-- ORDER BY (participant_id, event_time, event_uid): every participant-facing and per-entity query
-- filters on the submitter and a time range first; event_uid last makes the sort key unique per
-- line, so ReplacingMergeTree folds a re-delivered line (same participant, same content, hence
-- same event time and uid) into one row. The collector also drops known uids before inserting,
-- so the folding is a safety net, not the primary mechanism.
-- Partitioned by event month so a re-delivered line always lands in the partition of its first copy.
-- TTL from receipt (received_at): MedMij keeps lines 24..36 months; 36 here, the collector applies
-- the configured RETENTION_MONTHS at start-up (ALTER ... MODIFY TTL) when it differs.
-- Expected cardinality: ~50 million rows a month nationally; LowCardinality columns stay below ~10k values.
CREATE TABLE IF NOT EXISTS {{db}}.ketenlog_events
(
    event_uid                UUID,
    participant_id           LowCardinality(String),
    participant_role         LowCardinality(String),
    event_type               LowCardinality(String),
    event_step               UInt8,
    event_class              LowCardinality(String),
    event_time               DateTime64(3, 'UTC'),
    event_utc_offset_minutes Int16,
    event_location           LowCardinality(String),
    location_participant_id  LowCardinality(String),
    session_id               String,
    trace_id                 UUID,
    request_id               String,
    request_method           LowCardinality(String),
    request_client_id        LowCardinality(String),
    request_server_id        LowCardinality(String),
    client_participant_id    LowCardinality(String),
    server_participant_id    LowCardinality(String),
    request_uri              String CODEC(ZSTD(3)),
    request_initiated_by     LowCardinality(String),
    response_request_id      String,
    response_status          UInt16,
    error_code               LowCardinality(String),
    error_description        String CODEC(ZSTD(3)),
    zorgaanbieder            LowCardinality(String),
    gegevensdiensten         Array(LowCardinality(String)),
    valid                    Bool,
    error_codes              Array(LowCardinality(String)),
    error_messages           Array(String),
    catalog_version          LowCardinality(String),
    aanlevering_id           UUID,
    line_index               UInt32,
    source                   LowCardinality(String),
    kafka_topic              LowCardinality(String),
    kafka_partition          UInt32,
    kafka_offset             UInt64,
    received_at              DateTime64(3, 'UTC'),
    INDEX idx_trace_id trace_id TYPE bloom_filter(0.01) GRANULARITY 4,
    INDEX idx_session_id session_id TYPE bloom_filter(0.01) GRANULARITY 4,
    INDEX idx_aanlevering aanlevering_id TYPE bloom_filter(0.01) GRANULARITY 4
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(event_time)
ORDER BY (participant_id, event_time, event_uid)
TTL toDateTime(received_at) + INTERVAL 36 MONTH DELETE
SETTINGS non_replicated_deduplication_window = 10000, index_granularity = 8192;
