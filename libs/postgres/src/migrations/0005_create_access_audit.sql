-- Access audit (NEN 7513 style): who read which data, when, and whether access was granted.
-- Append-only like the timelines. Cardinality: one row per read request; grows steadily, so it
-- is indexed by time and by actor for the auditor's questions.

CREATE TABLE IF NOT EXISTS access_audit (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  at timestamptz NOT NULL DEFAULT now(),
  actor text NOT NULL,
  actor_roles text[] NOT NULL DEFAULT '{}',
  actor_participant_id text,
  action text NOT NULL,
  resource text NOT NULL,
  outcome text NOT NULL CHECK (outcome IN ('granted', 'denied')),
  details jsonb NOT NULL DEFAULT '{}'
);
CREATE INDEX IF NOT EXISTS access_audit_at_idx ON access_audit (at DESC);
CREATE INDEX IF NOT EXISTS access_audit_actor_idx ON access_audit (actor, at DESC);
CREATE OR REPLACE TRIGGER access_audit_immutable BEFORE UPDATE OR DELETE ON access_audit
  FOR EACH ROW EXECUTE FUNCTION refuse_timeline_change();
