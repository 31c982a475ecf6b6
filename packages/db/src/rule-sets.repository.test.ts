import type { AppError } from '@jixiao/core/errors/app-error';
import { ruleSetDefinitionSchema } from '@jixiao/core/review/rule-set-version.schema';
import { sql } from 'kysely';
import { expect, it } from 'vitest';
import {
  findRuleSetAssignment,
  insertRuleSetVersion,
  listRuleSetAssignments,
  listRuleSetVersions,
  storeRuleSetAssignment,
} from './rule-sets.repository.ts';
import { describeEachDatabase } from './testing/test-database.ts';

const actor = { userId: 'u-admin', address: '127.0.0.1' };

function definition(id: string, baseId: string, rules: { code: string; enabled?: boolean }[] = []) {
  return ruleSetDefinitionSchema.parse({
    id,
    baseId,
    region: '上海市',
    year: 2021,
    zh: '上海 2021',
    en: 'SH 2021',
    rules,
  });
}

describeEachDatabase('rule set storage', (getDb) => {
  it('numbers versions per id (after the built-in 1) and never edits a published one', async () => {
    const db = getDb();
    const first = await insertRuleSetVersion(db, definition('shanghai-2021', 'shanghai-2020'), actor);
    const second = await insertRuleSetVersion(
      db,
      definition('shanghai-2021', 'shanghai-2020', [{ code: 'Q02', enabled: false }]),
      actor,
    );
    const builtInNext = await insertRuleSetVersion(db, definition('shanghai-2020', 'shanghai-2020'), actor);
    expect([first.version, second.version, builtInNext.version]).toEqual([1, 2, 2]);
    const listed = await listRuleSetVersions(db);
    expect(listed.map((v) => `${v.id}@${v.version}`)).toEqual([
      'shanghai-2020@2',
      'shanghai-2021@1',
      'shanghai-2021@2',
    ]);
    expect(listed[2]?.definition.rules).toEqual([{ code: 'Q02', enabled: false }]);
    await expect(sql`UPDATE rule_set_versions SET year = 1999`.execute(db)).rejects.toThrow(/append-only/);
    await expect(sql`DELETE FROM rule_set_versions`.execute(db)).rejects.toThrow(/append-only/);
  });

  it('refuses a definition that does not build, storing nothing', async () => {
    const db = getDb();
    const error = await insertRuleSetVersion(
      db,
      definition('bad-2021', 'shanghai-2020', [{ code: 'Z99' }]),
      actor,
    ).catch((e: AppError) => e);
    expect(error).toMatchObject({ code: 'review.rule_unknown', location: { path: 'rules.0.code' } });
    const other = await insertRuleSetVersion(db, definition('national-2020', 'shanghai-2020'), actor).catch(
      (e: AppError) => e,
    );
    expect(other).toMatchObject({ code: 'review.rule_set_invalid' });
    expect((await listRuleSetVersions(db)).some((v) => v.id === 'bad-2021')).toBe(false);
  });

  it('assigns a set to a region and year (latest version by default), replaces and removes it', async () => {
    const db = getDb();
    await insertRuleSetVersion(db, definition('pudong-2021', 'shanghai-2020'), actor);
    await insertRuleSetVersion(db, definition('pudong-2021', 'shanghai-2020'), actor);
    const latest = await storeRuleSetAssignment(
      db,
      { region: '浦东新区', year: 2021, ruleSetId: 'pudong-2021' },
      actor,
    );
    expect(latest).toEqual({ region: '浦东新区', year: 2021, ruleSetId: 'pudong-2021', version: 2 });
    await storeRuleSetAssignment(
      db,
      { region: '浦东新区', year: 2021, ruleSetId: 'pudong-2021', version: 1 },
      actor,
    );
    expect((await findRuleSetAssignment(db, '浦东新区', 2021))?.version).toBe(1);
    await storeRuleSetAssignment(db, { region: '浦东新区', year: 2022, ruleSetId: 'national-2020' }, actor);
    expect(
      (await listRuleSetAssignments(db)).filter((a) => a.region === '浦东新区').map((a) => a.ruleSetId),
    ).toEqual(['pudong-2021', 'national-2020']);
    await expect(
      storeRuleSetAssignment(
        db,
        { region: '浦东新区', year: 2021, ruleSetId: 'pudong-2021', version: 9 },
        actor,
      ),
    ).rejects.toMatchObject({ code: 'review.rule_set_not_found' });
    await expect(
      storeRuleSetAssignment(db, { region: '浦东新区', year: 2021, ruleSetId: 'mars-2099' }, actor),
    ).rejects.toMatchObject({ code: 'review.rule_set_not_found' });
    expect(
      await storeRuleSetAssignment(db, { region: '浦东新区', year: 2021, ruleSetId: null }, actor),
    ).toBeNull();
    expect(await findRuleSetAssignment(db, '浦东新区', 2021)).toBeNull();
  });
});
