import type { Organisation } from '@jixiao/core/accounts/account.schema';
import { listOrganisations } from '@jixiao/db/accounts.repository';
import { demoOrganisationIds } from '@jixiao/db/accounts-demo';
import type { AuditActor } from '@jixiao/db/audit.repository';
import type { Database } from '@jixiao/db/database';
import { recordOrganisation } from './use-cases/accounts.ts';

/** The department the demo's corpus units are filed under (they come from many real regions). */
export const demoCorpusDepartment = '示例地区单位';

const demoActor: AuditActor = { userId: null, address: 'demo-data' };

/**
 * The organisation demo tables of `unit` go to: an existing organisation of that name (the seed's unit),
 * else a new unit under the 示例地区单位 department (made on first need), so authors and reviewers see
 * corpus tables like real ones. Returns a function that remembers what it has made.
 */
export async function demoOrganisationResolver(
  db: Database,
): Promise<(unit: string | undefined) => Promise<string | null>> {
  const byName = new Map((await listOrganisations(db)).map((o: Organisation) => [o.name, o.id]));
  return async (unit) => {
    const name = unit?.trim() ?? '';
    if (name === '') return null;
    const known = byName.get(name);
    if (known) return known;
    let departmentId = byName.get(demoCorpusDepartment);
    if (!departmentId) {
      const department = await recordOrganisation(db, demoActor, {
        name: demoCorpusDepartment,
        kind: 'department',
        parentId: demoOrganisationIds.financeBureau,
      });
      departmentId = department.id;
      byName.set(department.name, department.id);
    }
    const created = await recordOrganisation(db, demoActor, { name, kind: 'unit', parentId: departmentId });
    byName.set(created.name, created.id);
    return created.id;
  };
}
