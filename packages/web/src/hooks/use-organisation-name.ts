import type { Organisation } from '@jixiao/core/accounts/account.schema';
import { useEffect, useState } from 'react';
import { accountsApi } from '../api/accounts.api.ts';

/** The name of an organisation, e.g. the signed-in user's (GET /api/organisations is open to every signed-in user). */
export function useOrganisationName(organisationId: string | null | undefined): string | null {
  const [organisations, setOrganisations] = useState<Organisation[] | null>(null);
  useEffect(() => {
    if (!organisationId) return;
    let live = true;
    accountsApi
      .organisations()
      .then((items) => live && setOrganisations(items))
      // Without the name the caller shows less (no organisation in the header, an empty unit field).
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [organisationId]);
  if (!organisationId) return null;
  return organisations?.find((o) => o.id === organisationId)?.name ?? null;
}
