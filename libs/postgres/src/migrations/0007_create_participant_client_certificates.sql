-- Client certificates mapped to participants for the HTTPS intake (apps/intake): an operator maps a
-- certificate, by the SHA-256 fingerprint of its DER or by subject DN + issuer DN, to exactly one
-- participant; a request over TLS with a mapped certificate (chain checked against the configured
-- CA bundle during the handshake) is authenticated as that participant. Revocable (revoked_at set,
-- never deleted, so the audit trail keeps who held which certificate). At most one active mapping
-- per fingerprint and per subject + issuer, so a certificate never names two participants.
-- Cardinality: a few certificates per participant (renewal), a few thousand rows nationally.
CREATE TABLE IF NOT EXISTS participant_client_certificates (
  certificate_id text PRIMARY KEY CHECK (certificate_id ~ '^[0-9a-f]{16}$'),
  participant_id text NOT NULL,
  fingerprint_sha256 text CHECK (fingerprint_sha256 ~ '^[0-9a-f]{64}$'),
  subject_dn text,
  issuer_dn text,
  label text NOT NULL DEFAULT '',
  created_by text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  revoked_at timestamptz,
  revoked_by text,
  last_used_at timestamptz,
  CHECK ((fingerprint_sha256 IS NULL) <> (subject_dn IS NULL AND issuer_dn IS NULL)),
  CHECK ((subject_dn IS NULL) = (issuer_dn IS NULL))
);
CREATE UNIQUE INDEX IF NOT EXISTS participant_client_certificates_fingerprint_active_idx
  ON participant_client_certificates (fingerprint_sha256)
  WHERE revoked_at IS NULL AND fingerprint_sha256 IS NOT NULL;
CREATE UNIQUE INDEX IF NOT EXISTS participant_client_certificates_dn_active_idx
  ON participant_client_certificates (subject_dn, issuer_dn)
  WHERE revoked_at IS NULL AND subject_dn IS NOT NULL;
CREATE INDEX IF NOT EXISTS participant_client_certificates_participant_idx
  ON participant_client_certificates (participant_id, created_at DESC);
