-- Accounts (issue 5): organisations (finance bureau → departments → units), users and sessions.
CREATE TABLE organisations (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
  kind text NOT NULL CHECK (kind IN ('finance', 'department', 'unit')),
  parent_id uuid REFERENCES organisations (id),
  created_at timestamptz NOT NULL DEFAULT now(),
  CHECK (parent_id IS NULL OR parent_id <> id)
);
CREATE UNIQUE INDEX organisations_name_idx ON organisations (name);
CREATE INDEX organisations_parent_idx ON organisations (parent_id);

CREATE TABLE users (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  -- Stored lower-case so that login is case-insensitive and names stay unique.
  username text NOT NULL UNIQUE CHECK (username = lower(username) AND length(username) BETWEEN 2 AND 64),
  display_name text NOT NULL,
  organisation_id uuid REFERENCES organisations (id),
  roles text[] NOT NULL DEFAULT '{}',
  password_hash text NOT NULL,
  failed_attempts integer NOT NULL DEFAULT 0,
  locked_until timestamptz,
  active boolean NOT NULL DEFAULT true,
  created_at timestamptz NOT NULL DEFAULT now(),
  updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX users_organisation_idx ON users (organisation_id);

-- The session token itself is only in the user's cookie; the database keeps its SHA-256, so a leaked
-- copy of this table does not let anyone sign in.
CREATE TABLE sessions (
  token_hash text PRIMARY KEY,
  user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
  csrf_token text NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now(),
  expires_at timestamptz NOT NULL,
  address text,
  user_agent text
);
CREATE INDEX sessions_user_idx ON sessions (user_id);
CREATE INDEX sessions_expires_idx ON sessions (expires_at);

CREATE INDEX audit_log_actor_idx ON audit_log (actor, id);
CREATE INDEX audit_log_action_idx ON audit_log (action, id);
