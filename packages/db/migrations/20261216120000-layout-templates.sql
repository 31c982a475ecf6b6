-- Layout templates (issue 10): a column mapping a person confirmed on an import, kept to read the next file
-- of the same layout without correction. A template belongs to one organisation (a unit's own forms) or,
-- with organisation_id NULL, to the whole region. It is retired, never deleted: previews that used it keep
-- naming it, and the audit log tells who saved and who retired it.
CREATE TABLE layout_templates (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
  organisation_id uuid REFERENCES organisations (id),
  -- The layout's signature: the caption words of its table in order, its column count, its sheet.
  header_words jsonb NOT NULL,
  column_count integer NOT NULL CHECK (column_count BETWEEN 1 AND 64),
  sheet_name text,
  -- How to read it: the cell separator, one role per column, and the kind of document when chosen.
  separator text NOT NULL CHECK (separator IN ('tab', 'pipe', 'comma', 'spaces', 'space')),
  roles jsonb NOT NULL,
  kind text CHECK (kind IN ('target', 'self-evaluation', 'department-wide')),
  created_by text,
  created_at timestamptz NOT NULL DEFAULT now(),
  retired_at timestamptz,
  retired_by text
);
CREATE INDEX layout_templates_active_idx ON layout_templates (organisation_id, created_at DESC)
  WHERE retired_at IS NULL;
