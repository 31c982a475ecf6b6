-- Sign-in throttles (issue 15) replace the account lock: growing delays per account name, per client
-- address and per (name, address) pair, so that an attacker's failures slow the attacker down instead of
-- locking the account's owner out. Names are throttled whether or not an account has them: a known and an
-- unknown name get the same answers.
CREATE TABLE login_throttles (
  scope text NOT NULL CHECK (scope IN ('account', 'address', 'pair')),
  key text NOT NULL CHECK (length(key) BETWEEN 1 AND 300),
  failures integer NOT NULL CHECK (failures > 0),
  first_failure_at timestamptz NOT NULL,
  last_failure_at timestamptz NOT NULL,
  blocked_until timestamptz,
  PRIMARY KEY (scope, key)
);
CREATE INDEX login_throttles_last_failure_idx ON login_throttles (last_failure_at);

ALTER TABLE users DROP COLUMN failed_attempts;
ALTER TABLE users DROP COLUMN locked_until;

-- An account an administrator created, or whose password an administrator set, chooses its own password
-- at the next sign-in before doing anything else.
ALTER TABLE users ADD COLUMN must_change_password boolean NOT NULL DEFAULT false;
