-- Participant API keys for the HTTPS intake (apps/intake): one row per key, scoped to exactly one
-- participant, created by an operator, revocable (revoked_at set, never deleted, so the audit
-- trail keeps who held which key). Only the SHA-256 of the random 256-bit secret is stored; the
-- key id is the public part of the key and the primary key for the look-up on every request.
-- Cardinality: a few keys per participant (rotation), a few thousand rows nationally.
CREATE TABLE IF NOT EXISTS participant_api_keys (
  key_id text PRIMARY KEY CHECK (key_id ~ '^[0-9a-f]{16}$'),
  participant_id text NOT NULL,
  secret_sha256 text NOT NULL CHECK (secret_sha256 ~ '^[0-9a-f]{64}$'),
  label text NOT NULL DEFAULT '',
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  revoked_by text,
  last_used_at timestamptz
);
CREATE INDEX IF NOT EXISTS participant_api_keys_participant_idx
  ON participant_api_keys (participant_id, created_at DESC);
