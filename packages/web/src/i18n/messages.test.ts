import { deviationCauseSchema, likelihoodSchema } from '@jixiao/core/monitoring/monitoring.schema';
import { gradeBandSchema } from '@jixiao/core/scoring/scoring-scheme.schema';
import { workflowActionSchema } from '@jixiao/core/workflow/workflow.schema';
import { describe, expect, it } from 'vitest';
import { en } from './messages.en.ts';
import { format, hasMessage, zhMessages as loadedZh, loadMessages, shellFeatures } from './messages.ts';
import { type MessageFeature, zhByFeature, zhMessages } from './messages.zh.ts';

// `{s}` (English plural ending) is English-only by design.
const placeholders = (text: string) =>
  [...text.matchAll(/\{(\w+)\}/g)]
    .map((m) => m[1])
    .filter((name) => name !== 's')
    .sort();

describe('messages', () => {
  it('has a non-empty English text for every Chinese key, with the same placeholders', () => {
    for (const [key, zh] of Object.entries(zhMessages)) {
      const text = en[key as keyof typeof en];
      expect(text, key).toBeTruthy();
      expect(placeholders(text), key).toEqual(placeholders(zh));
    }
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhMessages).sort());
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(format('共 {n} 条', { n: 3 })).toBe('共 3 条');
    expect(format('{a} {b}', { a: 'x' })).toBe('x {b}');
    expect(format('{n} table{s}', { n: 1 })).toBe('1 table');
    expect(format('{n} table{s}', { n: 3 })).toBe('3 tables');
    expect(format('{n} table{s}', { n: 0 })).toBe('0 tables');
    expect(format('{s}', { a: 1 })).toBe('{s}');
  });

  it('has no key in two features, so the order features load in never changes a text', () => {
    const seen = new Map<string, string>();
    for (const [feature, words] of Object.entries(zhByFeature))
      for (const key of Object.keys(words)) {
        expect(seen.get(key), `${key} in ${feature}`).toBeUndefined();
        seen.set(key, feature);
      }
  });

  it('starts with the shell’s words and loads a feature’s when asked', async () => {
    // Other test files in this worker may have loaded more features: only what must be there is checked.
    expect(shellFeatures).toEqual(['common', 'accounts']);
    expect(loadedZh['nav.workbench']).toBe('我的待办');
    await loadMessages(['tables', 'workflow']);
    for (const feature of ['tables', 'workflow'] as const)
      for (const [key, text] of Object.entries(zhByFeature[feature]))
        expect(loadedZh[key as keyof typeof loadedZh], key).toBe(text);
  });

  it('knows which run-time keys have a text, so unknown codes can be shown raw', async () => {
    await loadMessages(Object.keys(zhByFeature) as MessageFeature[]);
    expect(hasMessage('auditAction.auth.login')).toBe(true);
    expect(hasMessage('auditAction.no.such')).toBe(false);
    expect(hasMessage('toString')).toBe(false);
  });

  it('names every workflow step in the audit log (recorded as table.<action>) and every overall grade', async () => {
    await loadMessages(Object.keys(zhByFeature) as MessageFeature[]);
    for (const action of workflowActionSchema.options)
      expect(hasMessage(`auditAction.table.${action}`), action).toBe(true);
    for (const grade of ['优', '良', '中', '差']) expect(hasMessage(`grade.${grade}`), grade).toBe(true);
    for (const band of gradeBandSchema.options) expect(hasMessage(`band.${band}`), band).toBe(true);
    for (const cause of deviationCauseSchema.options) expect(hasMessage(`cause.${cause}`), cause).toBe(true);
    for (const l of likelihoodSchema.options) expect(hasMessage(`likelihood.${l}`), l).toBe(true);
    for (const action of ['open', 'answer', 'close', 'evidence_add', 'evidence_remove', 'evidence_download'])
      expect(hasMessage(`auditAction.rectification.${action}`), action).toBe(true);
    expect(hasMessage('auditAction.linkage.decide')).toBe(true);
    expect(hasMessage('auditAction.ex_ante.save')).toBe(true);
    expect(hasMessage('auditEntity.rectification')).toBe(true);
  });
});
