-- Participants registry: DVPs (PGO vendors) and DVAs (care-provider IT vendors) with the one
-- readable display name users see, the hostnames their components log under (unique across
-- participants, so a hostname resolves to exactly one participant), contacts, and the
-- zorgaanbieders from the Zorgaanbiederslijst with their gegevensdiensten and DVA endpoints.
-- Cardinality: tens of participants, ~100 hostnames, ~5,400 zorgaanbieders, a few imports a month.

CREATE TABLE IF NOT EXISTS participants (
  id text PRIMARY KEY CHECK (id ~ '^[a-z0-9][a-z0-9-]{1,62}$'),
  role text NOT NULL CHECK (role IN ('DVP', 'DVA')),
  display_name text NOT NULL CHECK (length(display_name) BETWEEN 1 AND 200),
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);

-- Lower-case hostnames. For DVPs the OAuthclientlist hostname is also the OAuth client id.
CREATE TABLE IF NOT EXISTS participant_hostnames (
  hostname text PRIMARY KEY CHECK (hostname = lower(hostname) AND length(hostname) BETWEEN 1 AND 253),
  participant_id text NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  oauth_client boolean NOT NULL DEFAULT false,
  source text NOT NULL CHECK (source IN ('manual', 'ocl', 'zal'))
);
CREATE INDEX IF NOT EXISTS participant_hostnames_participant_idx ON participant_hostnames (participant_id);

-- Escalation contacts (incidentenbeleid: servicedesk -> servicemanager), one per kind.
CREATE TABLE IF NOT EXISTS participant_contacts (
  participant_id text NOT NULL REFERENCES participants (id) ON DELETE CASCADE,
  kind text NOT NULL CHECK (kind IN ('servicedesk', 'servicemanager')),
  name text NOT NULL,
  email text,
  phone text,
  updated_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (participant_id, kind)
);

-- `naam` is the ZAL name without `@medmij` (as in the OAuth scope). `gegevensdiensten` holds
-- [{ id, authorizationEndpoint, tokenEndpoint, resourceEndpoints }] as published.
CREATE TABLE IF NOT EXISTS zorgaanbieders (
  naam text PRIMARY KEY CHECK (naam ~ '^[a-z0-9._-]{1,200}$'),
  display_name text NOT NULL,
  dva_id text REFERENCES participants (id) ON DELETE SET NULL,
  gegevensdiensten jsonb NOT NULL DEFAULT '[]',
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS zorgaanbieders_dva_idx ON zorgaanbieders (dva_id);

-- One row per imported list with the change report, so every change of the registry is traceable.
CREATE TABLE IF NOT EXISTS participant_list_imports (
  id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  list_kind text NOT NULL CHECK (list_kind IN ('zal', 'ocl')),
  volgnummer bigint,
  tijdstempel timestamptz,
  imported_by text NOT NULL,
  imported_at timestamptz NOT NULL DEFAULT now(),
  report jsonb NOT NULL
);
