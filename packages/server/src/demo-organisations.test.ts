import { join } from 'node:path';
import { listOrganisations } from '@jixiao/db/accounts.repository';
import { demoOrganisationIds } from '@jixiao/db/accounts-demo';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { expect, it } from 'vitest';
import { seedDemoAccounts } from './auth/demo-accounts.ts';
import { loadDemoData } from './demo-data.ts';
import { demoCorpusDepartment, demoOrganisationResolver } from './demo-organisations.ts';

describeEachDatabase('demo organisations for corpus units', (getDb) => {
  it('keeps known units, files new ones once under 示例地区单位, and leaves a nameless unit out', async () => {
    const db = getDb();
    await seedDemoAccounts(db);
    const organisationFor = await demoOrganisationResolver(db);

    expect(await organisationFor('上海推进科技创新中心建设办公室')).toBe(demoOrganisationIds.seedUnit);
    expect(await organisationFor('  ')).toBeNull();
    expect(await organisationFor(undefined)).toBeNull();
    const first = await organisationFor('示例县农业农村局');
    const second = await organisationFor('示例县教育局');
    expect(await organisationFor('示例县农业农村局')).toBe(first);
    // A later start (a new resolver) finds what the first one made instead of failing on the name.
    expect(await (await demoOrganisationResolver(db))('示例县教育局')).toBe(second);

    const organisations = await listOrganisations(db);
    const department = organisations.find((o) => o.name === demoCorpusDepartment);
    expect(department).toMatchObject({ kind: 'department', parentId: demoOrganisationIds.financeBureau });
    const units = organisations.filter((o) => o.parentId === department?.id);
    expect(units.map((o) => o.name).sort()).toEqual(['示例县农业农村局', '示例县教育局'].sort());
    expect(units.every((o) => o.kind === 'unit')).toBe(true);
  });
});

describeEachDatabase('demo data with corpus organisations', (getDb) => {
  it('files every corpus table with a unit name under a unit of 示例地区单位', async () => {
    const db = getDb();
    const repoRoot = join(import.meta.dirname, '..', '..', '..');
    const loaded = await loadDemoData(db, {
      seedPath: join(repoRoot, 'fixtures', 'seed.txt'),
      corpusDir: join(repoRoot, '..', 'shared', 'corpus', 'dev'),
    });
    expect(loaded.files).toBeGreaterThan(1);
    const rows = await db.selectFrom('target_tables').select(['organisation_id', 'unit']).execute();
    const organisations = await listOrganisations(db);
    const department = organisations.find((o) => o.name === demoCorpusDepartment);
    const corpusUnits = new Set(organisations.filter((o) => o.parentId === department?.id).map((o) => o.id));
    const unfiled = rows.filter((r) => r.organisation_id === null);
    expect(unfiled).toEqual(rows.filter((r) => r.organisation_id === null && r.unit.trim() === ''));
    expect(
      rows.filter((r) => r.organisation_id !== null && corpusUnits.has(r.organisation_id)).length,
    ).toBeGreaterThan(0);
  });
});
