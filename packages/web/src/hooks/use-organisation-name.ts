import type { Organisation } from '@jixiao/core/accounts/account.schema';
import { accountsApi } from '../api/accounts.api.ts';
import { queryKeys } from '../api/query-client.ts';
import { useLoad } from './use-load.ts';

/**
 * The organisation tree (GET /api/organisations is open to every signed-in user), read once through the
 * query cache for every caller: the header, the editor's 主管部门 list, filters.
 */
export function useOrganisations(enabled = true): Organisation[] | null {
  return useOrganisationTree(enabled).data;
}

/** The organisation tree with why it could not be read, for a page that says so where the list is used. */
export function useOrganisationTree(enabled = true) {
  return useLoad(queryKeys.accounts('organisations'), accountsApi.organisations, { enabled });
}

/** The name of an organisation, e.g. the signed-in user's; null until the tree has loaded. */
export function useOrganisationName(organisationId: string | null | undefined): string | null {
  // Without the name the caller shows less (no organisation in the header, an empty unit field).
  const organisations = useOrganisations(Boolean(organisationId));
  if (!organisationId) return null;
  return organisations?.find((o) => o.id === organisationId)?.name ?? null;
}
