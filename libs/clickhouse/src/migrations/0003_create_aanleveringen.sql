-- aanleveringen: one row per delivery (one Kafka message, or one HTTPS batch), with its outcome.
-- technisch_ok = the message was readable and every line conformed to the schema; only then were
-- its lines stored. Counts: lines in the message, stored (new), duplicates (already stored
-- earlier, same content), valid/invalid among the stored ones, rejected; functional_errors counts
-- lines per failing rule. aanlevering_id is deterministic (topic/partition/offset, or the id
-- the HTTPS intake gave the batch), so a replay folds into one row.
-- ORDER BY (participant_id, received_at, aanlevering_id): listing per participant and period,
-- freshness (max received_at per participant).
CREATE TABLE IF NOT EXISTS {{db}}.aanleveringen
(
    aanlevering_id    UUID,
    participant_id    LowCardinality(String),
    channel           LowCardinality(String),
    received_at       DateTime64(3, 'UTC'),
    kafka_topic       LowCardinality(String),
    kafka_partition   UInt32,
    kafka_offset      UInt64,
    message_chars     UInt64,
    line_count        UInt32,
    stored_count      UInt32,
    duplicate_count   UInt32,
    valid_count       UInt32,
    invalid_count     UInt32,
    rejected_count    UInt32,
    technisch_ok      Bool,
    message_error     LowCardinality(String),
    functional_errors Map(LowCardinality(String), UInt32),
    processed_at      DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree
PARTITION BY toYYYYMM(received_at)
ORDER BY (participant_id, received_at, aanlevering_id)
TTL toDateTime(received_at) + INTERVAL 36 MONTH DELETE
SETTINGS non_replicated_deduplication_window = 10000;
