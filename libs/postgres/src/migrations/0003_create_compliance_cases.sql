-- Compliance cases (nalevingsbeleid): constatering en vastlegging (obligation, facts,
-- evidence), hoor en wederhoor (the participant responds), decision and measure, closure.
-- Same concurrency model as incidents (`version`), the same append-only timeline, and one open
-- case per rule-signal key. Cardinality: tens to hundreds of cases a year.

CREATE TABLE IF NOT EXISTS compliance_cases (
  id uuid PRIMARY KEY,
  number integer GENERATED ALWAYS AS IDENTITY UNIQUE,
  participant_id text NOT NULL REFERENCES participants (id),
  obligation text NOT NULL,
  title text NOT NULL,
  facts text NOT NULL,
  status text NOT NULL CHECK (status IN ('recorded', 'hearing', 'decided', 'closed', 'withdrawn')),
  source text NOT NULL CHECK (source IN ('manual', 'signal')),
  signal_key text,
  response_due_at timestamptz,
  decision text,
  measure text,
  version integer NOT NULL DEFAULT 1,
  created_by text NOT NULL,
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  closed_at timestamptz
);
CREATE UNIQUE INDEX IF NOT EXISTS compliance_cases_open_signal_key_uq ON compliance_cases (signal_key)
  WHERE signal_key IS NOT NULL AND status IN ('recorded', 'hearing');
CREATE INDEX IF NOT EXISTS compliance_cases_participant_idx ON compliance_cases (participant_id, created_at DESC);
CREATE INDEX IF NOT EXISTS compliance_cases_created_idx ON compliance_cases (created_at DESC, id DESC);

CREATE TABLE IF NOT EXISTS compliance_case_timeline (
  case_id uuid NOT NULL REFERENCES compliance_cases (id),
  seq integer NOT NULL,
  at timestamptz NOT NULL,
  actor text NOT NULL,
  kind text NOT NULL,
  data jsonb NOT NULL DEFAULT '{}',
  PRIMARY KEY (case_id, seq)
);
CREATE OR REPLACE TRIGGER compliance_case_timeline_immutable BEFORE UPDATE OR DELETE ON compliance_case_timeline
  FOR EACH ROW EXECUTE FUNCTION refuse_timeline_change();

-- Evidence from the ketenlog: trace ids, aanlevering ids, saved queries, or a note.
CREATE TABLE IF NOT EXISTS compliance_case_evidence (
  id uuid PRIMARY KEY,
  case_id uuid NOT NULL REFERENCES compliance_cases (id),
  kind text NOT NULL CHECK (kind IN ('trace', 'aanlevering', 'query', 'note')),
  reference text NOT NULL,
  description text NOT NULL DEFAULT '',
  added_by text NOT NULL,
  added_at timestamptz NOT NULL
);
CREATE INDEX IF NOT EXISTS compliance_case_evidence_case_idx ON compliance_case_evidence (case_id);
