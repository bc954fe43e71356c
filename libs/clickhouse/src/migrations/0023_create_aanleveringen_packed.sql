-- aanleveringen_packed: the collector's way in to aanleveringen. One row per run of deliveries
-- from one partition (same participant, channel and topic), each column an array with one
-- element per delivery; aanleveringen_unpack turns it into one aanleveringen row per delivery
-- (ARRAY JOIN). Nothing is stored here (ENGINE = Null).
-- Why: for one-line messages the collector writes one aanleveringen row per line, and chDB spent
-- more CPU parsing those 18-field text rows than on anything else the collector adds to the
-- lines' own insert (bench/ingest: about 4 µs a row). Arrays of values parse at a fraction of a
-- row's fixed cost. Readers are unaffected: aanleveringen keeps its rows and columns.
-- Insert deduplication works as before: the token of an insert here carries through the view,
-- so a retried insert adds nothing (deduplicate_blocks_in_dependent_materialized_views).
-- A column added to aanleveringen needs its array here and its place in the view.
CREATE TABLE IF NOT EXISTS {{db}}.aanleveringen_packed
(
    participant_id          String,
    channel                 String,
    kafka_topic             String,
    kafka_partition         UInt32,
    aanlevering_ids         Array(UUID),
    received_ats            Array(DateTime64(3, 'UTC')),
    kafka_offsets           Array(UInt64),
    message_char_counts     Array(UInt64),
    line_counts             Array(UInt32),
    stored_counts           Array(UInt32),
    duplicate_counts        Array(UInt32),
    valid_counts            Array(UInt32),
    invalid_counts          Array(UInt32),
    rejected_counts         Array(UInt32),
    technisch_oks           Array(Bool),
    message_errors          Array(String),
    functional_error_counts Array(Map(String, UInt32)),
    processed_ats           Array(DateTime64(3, 'UTC'))
)
ENGINE = Null;

CREATE MATERIALIZED VIEW IF NOT EXISTS {{db}}.aanleveringen_unpack TO {{db}}.aanleveringen AS
SELECT
    aanlevering_id,
    participant_id,
    channel,
    received_at,
    kafka_topic,
    kafka_partition,
    kafka_offset,
    message_chars,
    line_count,
    stored_count,
    duplicate_count,
    valid_count,
    invalid_count,
    rejected_count,
    technisch_ok,
    message_error,
    functional_errors,
    processed_at
FROM {{db}}.aanleveringen_packed
ARRAY JOIN
    aanlevering_ids AS aanlevering_id,
    received_ats AS received_at,
    kafka_offsets AS kafka_offset,
    message_char_counts AS message_chars,
    line_counts AS line_count,
    stored_counts AS stored_count,
    duplicate_counts AS duplicate_count,
    valid_counts AS valid_count,
    invalid_counts AS invalid_count,
    rejected_counts AS rejected_count,
    technisch_oks AS technisch_ok,
    message_errors AS message_error,
    functional_error_counts AS functional_errors,
    processed_ats AS processed_at;
