import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { performanceTableSchema } from '../tables/table.schema.ts';
import { reviewTable } from './review-table.ts';

// The three Shanghai 2020 seed tables, as the importer must read them.
const seed = JSON.parse(
  readFileSync(new URL('../../../../fixtures/seed.expected.json', import.meta.url), 'utf8'),
) as {
  tables: unknown[];
};
const tables = seed.tables.map((t) => performanceTableSchema.parse(t));

/**
 * The real problems of each seed table, checked one by one against domain.md; every other row is sound
 * and must raise nothing. `ruleId@indicator` where the finding is on an indicator, else `ruleId@path`.
 */
const expected: Record<string, string[]> = {
  科创中心建设工作经费: [
    // 项目实施计划 is "按照各项目工作实施计划执行": says nothing about steps or dates.
    'SH2020-C04@narrative.plan',
    // The three 产出 indicators (项目完成率/项目目标实现率/项目完成及时性) fit any project.
    'SH2020-C11@9',
    // 信息公开实现率 (a rate) with the qualitative target 规范 (domain.md's first example).
    'SH2020-Q01@8',
    // 数量 given as 项目完成率 >=95%: no quantity of output at all.
    'SH2020-Q08@9',
    // 项目执行者满意度: the implementers rate themselves; satisfaction belongs to those served.
    'SH2020-Q09@13',
  ],
  科创中心展厅运营经费: [
    // 参观人数 >=2000人 while 立项依据 says 近15000人次 came from 2018-11 to 2019-06: 8 months, 7.5× the
    // yearly target (人 and 人次 both count visitors here; the printed 人次 is the narrative's own unit).
    'SH2020-K07@9',
    'SH2020-Q01@8',
  ],
  未来公园展厅运营经费: [
    'SH2020-Q01@8',
    // 提升园区科创成果知名度20% with target >=10% (domain.md's second example).
    'SH2020-Q02@12',
  ],
};

describe('shanghai-2020 on the seed tables', () => {
  it('reads three tables', () => {
    expect(tables.map((t) => t.name)).toEqual(Object.keys(expected));
  });

  for (const table of tables) {
    it(`finds exactly the real problems of ${table.name}`, () => {
      const found = reviewTable(table, 'shanghai-2020').map(
        (f) => `${f.ruleId}@${f.indicatorIndex ?? f.path ?? ''}`,
      );
      expect(found).toEqual(expected[table.name]);
    });
  }

  it('accepts what is sound in them: amounts, dates, prior-year figures, the new project', () => {
    const all = tables.flatMap((t) => reviewTable(t, 'shanghai-2020'));
    // 4109.86万元 in the overview matches 41,098,620 元; 未来公园 is new and has no prior-year figures.
    // The only narrative figure comparable with a target is the exhibition hall's 15000 visits (K07).
    expect(all.filter((f) => f.ruleId.includes('-K') || f.ruleId.includes('-C0'))).toEqual([
      expect.objectContaining({ ruleId: 'SH2020-C04' }),
      expect.objectContaining({ ruleId: 'SH2020-K07', path: 'indicators.9.target' }),
    ]);
    // Every finding says what is wrong and how to fix it in both languages.
    for (const f of all) {
      expect(f.zh).toMatch(/：/);
      expect(f.en).toMatch(/: /);
    }
  });
});
