-- rule_alert_states: the last state each alert (entity, rule, tier) was handed to the incident
-- service in: firing or cleared, with when and why. Rule workers load the states of their
-- entities at start, so a restart neither re-opens nor forgets alerts; operators read the
-- current alerts from it. ORDER BY (entity, rule, tier): one live row per alert key
-- (ReplacingMergeTree on changed_at). Expected cardinality: entities x rules x tiers that ever
-- fired (thousands).
CREATE TABLE IF NOT EXISTS {{db}}.rule_alert_states
(
    entity     String,
    rule       LowCardinality(String),
    tier       LowCardinality(String),
    state      LowCardinality(String),
    severity   LowCardinality(String),
    summary    String,
    changed_at DateTime64(3, 'UTC')
)
ENGINE = ReplacingMergeTree(changed_at)
ORDER BY (entity, rule, tier);
