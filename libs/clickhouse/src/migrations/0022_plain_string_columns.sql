-- Plain String instead of LowCardinality(String) for the short text columns of the two tables
-- the collector writes per Kafka message: ketenlog_events and aanleveringen.
-- Why: building each insert block's dictionaries cost chDB about a third of its parse time per
-- line (bench/ingest/cpu.bench.ts; per events row 9.2 -> 7.6 µs, about 0.1-0.2 µs per column),
-- on the collector's hot path. The price is storage: measured on 400,000 generated lines after
-- OPTIMIZE FINAL, 37.7 MiB with LowCardinality against 45.1 MiB all String; event_type alone
-- was 2.7 MiB of the 7.4 MiB difference, so it stays LowCardinality (about 0.15 µs per row).
-- Dashboards read the rollups, which keep LowCardinality.
-- A metadata change plus a rewrite of these columns in existing parts (a mutation, in the
-- background on a server; runs once).
ALTER TABLE {{db}}.ketenlog_events
    MODIFY COLUMN participant_id String,
    MODIFY COLUMN participant_role String,
    MODIFY COLUMN event_class String,
    MODIFY COLUMN event_location String,
    MODIFY COLUMN location_participant_id String,
    MODIFY COLUMN request_method String,
    MODIFY COLUMN request_client_id String,
    MODIFY COLUMN request_server_id String,
    MODIFY COLUMN client_participant_id String,
    MODIFY COLUMN server_participant_id String,
    MODIFY COLUMN request_initiated_by String,
    MODIFY COLUMN error_code String,
    MODIFY COLUMN zorgaanbieder String,
    MODIFY COLUMN gegevensdiensten Array(String),
    MODIFY COLUMN error_codes Array(String),
    MODIFY COLUMN catalog_version String,
    MODIFY COLUMN source String,
    MODIFY COLUMN kafka_topic String;

ALTER TABLE {{db}}.aanleveringen
    MODIFY COLUMN participant_id String,
    MODIFY COLUMN channel String,
    MODIFY COLUMN kafka_topic String,
    MODIFY COLUMN message_error String,
    MODIFY COLUMN functional_errors Map(String, UInt32);
