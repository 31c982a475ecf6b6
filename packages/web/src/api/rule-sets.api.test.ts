import { summariseStoredVersion } from '@jixiao/core/review/effective-rule-set';
import { reviewTable } from '@jixiao/core/review/review-table';
import { ruleSetDefinitionSchema } from '@jixiao/core/review/rule-set-version.schema';
import { ruleSets, summariseRuleSet } from '@jixiao/core/review/rule-sets';
import { buildIndicator, buildTable } from '@jixiao/core/review/testing/table-factory';
import { describe, expect, it } from 'vitest';
import { catalogueOf } from './rule-sets.api.ts';

const stored = {
  id: 'shanghai-2020',
  version: 2,
  definition: ruleSetDefinitionSchema.parse({
    id: 'shanghai-2020',
    baseId: 'shanghai-2020',
    region: '上海市',
    year: 2020,
    zh: '上海 2020 第二版',
    en: 'Shanghai 2020 v2',
    rules: [{ code: 'Q02', enabled: false }],
  }),
  createdAt: '2026-11-26T00:00:00.000Z',
  createdBy: null,
};

function tableWithNumberInName(year: number) {
  const table = buildTable({ year });
  table.indicators.push(buildIndicator('效益指标', '社会效益指标', '提升知名度20%', '>=10%'));
  return table;
}

describe('the browser’s rule set catalogue', () => {
  const body = {
    items: [...[...ruleSets.values()].map(summariseRuleSet), summariseStoredVersion(stored)],
    assignments: [{ region: '上海市', year: 2020, ruleSetId: 'shanghai-2020', version: 2 }],
  };

  it('reviews a table of an assigned year with the assigned version, as the server does', () => {
    const catalogue = catalogueOf(body);
    const set = catalogue.resolve('auto', tableWithNumberInName(2020));
    expect(set.version).toBe(2);
    expect(reviewTable(tableWithNumberInName(2020), set).map((f) => f.ruleId)).not.toContain('SH2020-Q02');
    const other = catalogue.resolve('auto', tableWithNumberInName(2021));
    expect(other).toBe(ruleSets.get('shanghai-2020'));
    expect(reviewTable(tableWithNumberInName(2021), other).map((f) => f.ruleId)).toContain('SH2020-Q02');
  });

  it('offers derived versions by id@version and built-in sets by id', () => {
    const catalogue = catalogueOf({ ...body, assignments: [] });
    expect(catalogue.derived.map((s) => `${s.id}@${s.version}`)).toEqual(['shanghai-2020@2']);
    expect(catalogue.resolve('shanghai-2020@2', buildTable()).version).toBe(2);
    expect(catalogue.resolve('shanghai-2020', buildTable()).version).toBe(1);
    expect(catalogue.resolve('national-2020', buildTable()).id).toBe('national-2020');
  });
});
