-- Review rule sets an administrator derives (审核规则): each version is a built-in base plus overrides,
-- stored as core's definition (jsonb) and never edited once published: a change is a new version, so
-- findings made under a version can always be explained by it. A trigger rejects UPDATE and DELETE.
CREATE TABLE rule_set_versions (
  id text NOT NULL,
  version integer NOT NULL CHECK (version >= 1),
  base_id text NOT NULL,
  region text NOT NULL,
  year integer NOT NULL,
  definition jsonb NOT NULL,
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (id, version)
);

CREATE FUNCTION rule_set_versions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'rule_set_versions is append-only (% rejected): derive a new version', TG_OP
    USING ERRCODE = 'insufficient_privilege';
END;
$$;

CREATE TRIGGER rule_set_versions_no_update_delete
  BEFORE UPDATE OR DELETE ON rule_set_versions
  FOR EACH ROW EXECUTE FUNCTION rule_set_versions_append_only();

-- Which set reviews the tables of a region and year by default (e.g. 上海市 2021 → shanghai-2021 v1).
-- A built-in set (not in rule_set_versions) may be assigned too, so no foreign key; the server checks.
CREATE TABLE rule_set_assignments (
  region text NOT NULL,
  year integer NOT NULL,
  rule_set_id text NOT NULL,
  rule_set_version integer NOT NULL,
  assigned_by text,
  assigned_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (region, year)
);
