import type {
  Organisation,
  OrganisationCreate,
  OrganisationUpdate,
  SessionUser,
  User,
  UserCreate,
  UserUpdate,
} from '@jixiao/core/accounts/account.schema';
import type { AuditList, AuditQuery } from '@jixiao/core/accounts/audit-log.schema';
import type { LoginThrottle, ThrottleScope } from '@jixiao/core/accounts/login-throttle.schema';
import type { Action } from '@jixiao/core/accounts/policies';
import { request } from './api-client.ts';

/** GET /api/auth/me and POST /api/auth/login answer with this. */
export interface SessionInfo {
  user: SessionUser | null;
  csrfToken: string;
  /** System actions plus table.create/table.import when the user may start tables in their own unit. */
  actions: Action[];
  /** The user must choose a new password (admin-created or admin-reset account) before anything else. */
  mustChangePassword: boolean;
}

export type AuditFilters = Partial<Omit<AuditQuery, 'page' | 'pageSize'>>;

function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}

const userUrl = (id: string) => `/api/users/${encodeURIComponent(id)}`;

/** Calls of the sign-in, accounts admin and audit log API. */
export const accountsApi = {
  me: () => request<SessionInfo>('GET', '/api/auth/me'),
  login: (username: string, password: string) =>
    request<SessionInfo>('POST', '/api/auth/login', { username, password }),
  logout: () => request<null>('POST', '/api/auth/logout'),
  users: () => request<{ items: User[] }>('GET', '/api/users').then((body) => body.items),
  createUser: (body: UserCreate) => request<User>('POST', '/api/users', body),
  updateUser: (id: string, body: UserUpdate) => request<User>('PATCH', userUrl(id), body),
  resetPassword: (id: string, password: string) =>
    request<User>('POST', `${userUrl(id)}/password`, { password }),
  changePassword: (currentPassword: string, newPassword: string) =>
    request<null>('POST', '/api/auth/password', { currentPassword, newPassword }),
  throttles: () =>
    request<{ items: LoginThrottle[] }>('GET', '/api/login-throttles').then((body) => body.items),
  clearThrottle: (scope: ThrottleScope, key: string) =>
    request<null>('DELETE', `/api/login-throttles/${scope}/${encodeURIComponent(key)}`),
  organisations: () =>
    request<{ items: Organisation[] }>('GET', '/api/organisations').then((body) => body.items),
  createOrganisation: (body: OrganisationCreate) => request<Organisation>('POST', '/api/organisations', body),
  updateOrganisation: (id: string, body: OrganisationUpdate) =>
    request<Organisation>('PATCH', `/api/organisations/${encodeURIComponent(id)}`, body),
  audit: (filters: AuditFilters, page: number, pageSize: number) =>
    request<AuditList>('GET', `/api/audit${query({ ...filters, page, pageSize })}`),
  auditCsvUrl: (filters: AuditFilters) => `/api/audit/export.csv${query({ ...filters })}`,
};
