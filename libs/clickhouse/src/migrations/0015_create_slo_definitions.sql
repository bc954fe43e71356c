-- slo_definitions: OpenSLO-like SLO documents, versioned. Every change is a new row with the
-- next version; the active definition of a name is its highest version unless that row is a
-- deletion. Defaults shipped in libs/slo/definitions are seeded as version 1 when a name has
-- no row yet. ORDER BY (name, version): tiny table (tens of rows), kept forever.
CREATE TABLE IF NOT EXISTS {{db}}.slo_definitions
(
    name       LowCardinality(String),
    version    UInt32,
    document   String,
    deleted    Bool,
    changed_by String,
    changed_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(changed_at)
ORDER BY (name, version);
