-- Incidents (incidentenbeleid) with their immutable timeline, linked alerts, evaluation and
-- follow-up actions. `version` drives optimistic concurrency (ETag / If-Match). The partial
-- unique index on `dedup_key` makes "one open incident per alert key" a database guarantee, so
-- an alert storm cannot open duplicates whatever the concurrency.
-- Cardinality: hundreds to a few thousand incidents a year; timelines of tens of entries each.

CREATE TABLE IF NOT EXISTS incidents (
  id uuid PRIMARY KEY,
  number integer GENERATED ALWAYS AS IDENTITY UNIQUE,
  title text NOT NULL,
  description text NOT NULL DEFAULT '',
  priority text NOT NULL CHECK (priority IN ('P1', 'P2', 'P3', 'P4')),
  status text NOT NULL CHECK (
    status IN ('new', 'acknowledged', 'investigating', 'monitoring', 'resolved', 'closed', 'cancelled', 'merged')
  ),
  source text NOT NULL CHECK (source IN ('manual', 'alert')),
  dedup_key text,
  assignee text,
  public_summary text NOT NULL DEFAULT '',
  affected_participants text[] NOT NULL DEFAULT '{}',
  affected_gegevensdiensten text[] NOT NULL DEFAULT '{}',
  trace_ids text[] NOT NULL DEFAULT '{}',
  merged_into uuid REFERENCES incidents (id),
  version integer NOT NULL DEFAULT 1,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  acknowledged_at timestamptz,
  resolved_at timestamptz,
  closed_at timestamptz,
  -- Set when every linked alert has cleared; the auto-resolver acts after the quiet period.
  alerts_cleared_at timestamptz
);
CREATE UNIQUE INDEX IF NOT EXISTS incidents_open_dedup_key_uq ON incidents (dedup_key)
  WHERE dedup_key IS NOT NULL AND status IN ('new', 'acknowledged', 'investigating', 'monitoring');
CREATE INDEX IF NOT EXISTS incidents_created_idx ON incidents (created_at DESC, id DESC);
CREATE INDEX IF NOT EXISTS incidents_status_idx ON incidents (status);
CREATE INDEX IF NOT EXISTS incidents_affected_participants_idx ON incidents USING gin (affected_participants);
CREATE INDEX IF NOT EXISTS incidents_alerts_cleared_idx ON incidents (alerts_cleared_at)
  WHERE alerts_cleared_at IS NOT NULL;

-- Timeline entries are append-only: a trigger refuses UPDATE and DELETE.
CREATE TABLE IF NOT EXISTS incident_timeline (
  incident_id uuid NOT NULL REFERENCES incidents (id),
  seq integer NOT NULL,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  kind text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (incident_id, seq)
);

CREATE OR REPLACE FUNCTION refuse_timeline_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'timeline entries are immutable (%)', TG_TABLE_NAME;
END;
$$;
CREATE OR REPLACE TRIGGER incident_timeline_immutable BEFORE UPDATE OR DELETE ON incident_timeline
  FOR EACH ROW EXECUTE FUNCTION refuse_timeline_change();

-- Alerts linked to an incident, one row per dedup key, with how often it fired.
CREATE TABLE IF NOT EXISTS incident_alerts (
  incident_id uuid NOT NULL REFERENCES incidents (id),
  dedup_key text NOT NULL,
  entity text NOT NULL,
  rule text NOT NULL,
  tier text NOT NULL,
  summary text NOT NULL DEFAULT '',
  state text NOT NULL CHECK (state IN ('firing', 'cleared')),
  occurrences integer NOT NULL DEFAULT 1,
  first_seen_at timestamptz NOT NULL,
  last_seen_at timestamptz NOT NULL,
  cleared_at timestamptz,
  PRIMARY KEY (incident_id, dedup_key)
);

-- Post-incident review, one per incident.
CREATE TABLE IF NOT EXISTS incident_evaluations (
  incident_id uuid PRIMARY KEY REFERENCES incidents (id),
  summary text NOT NULL,
  root_cause text NOT NULL DEFAULT '',
  lessons_learned text NOT NULL DEFAULT '',
  recorded_by text NOT NULL,
  recorded_at timestamptz NOT NULL
);

CREATE TABLE IF NOT EXISTS incident_actions (
  id uuid PRIMARY KEY,
  incident_id uuid NOT NULL REFERENCES incidents (id),
  description text NOT NULL,
  owner text,
  due_at timestamptz,
  status text NOT NULL CHECK (status IN ('open', 'done', 'dropped')),
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS incident_actions_incident_idx ON incident_actions (incident_id);
