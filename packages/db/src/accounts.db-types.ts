import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, never, never>;

export interface OrganisationsTable {
  id: Generated<string>;
  name: string;
  kind: 'finance' | 'department' | 'unit';
  parent_id: string | null;
  created_at: CreatedAt;
}

export interface UsersTable {
  id: Generated<string>;
  username: string;
  display_name: string;
  organisation_id: string | null;
  roles: string[];
  password_hash: string;
  must_change_password: Generated<boolean>;
  active: Generated<boolean>;
  created_at: CreatedAt;
  updated_at: ColumnType<Date, never, Date>;
}

export interface SessionsTable {
  token_hash: string;
  user_id: string;
  csrf_token: string;
  created_at: CreatedAt;
  expires_at: Date;
  address: string | null;
  user_agent: string | null;
}

export interface AccountsDb {
  organisations: OrganisationsTable;
  users: UsersTable;
  sessions: SessionsTable;
}
