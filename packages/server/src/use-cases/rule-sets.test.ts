import { type RuleSetDefinition, ruleSetDefinitionSchema } from '@jixiao/core/review/rule-set-version.schema';
import { findRuleSetAssignment, listVersionsOf } from '@jixiao/db/rule-sets.repository';
import { withFailingWrites } from '@jixiao/db/testing/failing-writes';
import { describeEachDatabase } from '@jixiao/db/testing/test-database';
import { expect, it } from 'vitest';
import {
  admin,
  auditEntriesOf,
  author,
  forbidden,
  refusal,
  unauthenticated,
} from '../testing/use-case-world.ts';
import { assignRuleSet, deriveRuleSet } from './rule-sets.ts';

const definition = (id: string): RuleSetDefinition =>
  ruleSetDefinitionSchema.parse({
    id,
    baseId: 'shanghai-2020',
    region: '上海市',
    year: 2031,
    zh: '上海 2031',
    en: 'SH 2031',
    rules: [{ code: 'Q02', enabled: false }],
  });

describeEachDatabase('rule set use cases', (getDb) => {
  it('publishes a version and assigns it with their `ruleset.derive` and `ruleset.assign` entries', async () => {
    const db = getDb();
    const stored = await deriveRuleSet(db, { user: admin, address: '10.0.0.9' }, definition('uc-2031'));
    expect(stored).toMatchObject({ id: 'uc-2031', version: 1, createdBy: admin.id });
    expect(await auditEntriesOf(db, 'uc-2031@1')).toMatchObject([
      { action: 'ruleset.derive', actor: admin.id, actor_address: '10.0.0.9', diff: { id: 'uc-2031' } },
    ]);
    const assigned = await assignRuleSet(
      db,
      { user: admin },
      { region: '静安区', year: 2031, ruleSetId: 'uc-2031' },
    );
    expect(assigned).toEqual({ region: '静安区', year: 2031, ruleSetId: 'uc-2031', version: 1 });
    expect(
      await assignRuleSet(db, { user: admin }, { region: '静安区', year: 2031, ruleSetId: null }),
    ).toBeNull();
    expect(await auditEntriesOf(db, '静安区/2031')).toMatchObject([
      { action: 'ruleset.assign', diff: { assigned: { ruleSetId: 'uc-2031', version: 1 } } },
      { action: 'ruleset.assign', diff: { assigned: null } },
    ]);
  });

  it('refuses authors and anonymous callers with their zh/en errors, and names a missing set as a field', async () => {
    const db = getDb();
    expect(await refusal(deriveRuleSet(db, { user: author }, definition('uc-refused')))).toMatchObject(
      forbidden,
    );
    const assignment = { region: '徐汇区', year: 2031, ruleSetId: 'national-2020' };
    expect(await refusal(assignRuleSet(db, { user: null }, assignment))).toMatchObject(unauthenticated);
    expect(await listVersionsOf(db, 'uc-refused')).toEqual([]);
    expect(await findRuleSetAssignment(db, '徐汇区', 2031)).toBeNull();
    const missing = await refusal(
      assignRuleSet(db, { user: admin }, { ...assignment, ruleSetId: 'mars-2099' }),
    );
    expect(missing).toMatchObject({ code: 'review.rule_set_invalid', location: { path: 'ruleSetId' } });
    expect(await auditEntriesOf(db, '徐汇区/2031')).toEqual([]);
  });

  it('writes neither a version or an assignment nor its entry when either write fails', async () => {
    const db = getDb();
    const derive = () => deriveRuleSet(db, { user: admin }, definition('uc-failed'));
    await expect(withFailingWrites(db, 'audit_log', derive)).rejects.toThrow(/write refused/);
    await expect(withFailingWrites(db, 'rule_set_versions', derive)).rejects.toThrow(/write refused/);
    expect(await listVersionsOf(db, 'uc-failed')).toEqual([]);
    const assign = () =>
      assignRuleSet(db, { user: admin }, { region: '长宁区', year: 2031, ruleSetId: 'national-2020' });
    await expect(withFailingWrites(db, 'audit_log', assign)).rejects.toThrow(/write refused/);
    expect(await findRuleSetAssignment(db, '长宁区', 2031)).toBeNull();
    expect((await derive()).version).toBe(1);
    expect(await auditEntriesOf(db, 'uc-failed@1')).toHaveLength(1);
  });
});
