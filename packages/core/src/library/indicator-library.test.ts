import { describe, expect, it } from 'vitest';
import { placeIndicator } from '../frameworks/framework-match.ts';
import { frameworks } from '../frameworks/frameworks.ts';
import { shanghai2020Framework } from '../frameworks/shanghai-2020.framework.ts';
import { reviewTable } from '../review/review-table.ts';
import { buildIndicator, buildTable } from '../review/testing/table-factory.ts';
import { formatTarget, parseTarget } from '../targets/target-grammar.ts';
import { builtInLibrary } from './builtin-library.ts';
import { type LibraryEntry, libraryEntryInputSchema } from './indicator-library.schema.ts';
import { addFromLibrary, commonIndicators, mergeLibrary, searchLibrary } from './indicator-library.ts';

function stored(fields: Partial<LibraryEntry> & Pick<LibraryEntry, 'name'>): LibraryEntry {
  return {
    ...libraryEntryInputSchema.parse({
      frameworkId: 'national-2020',
      level1: '产出指标',
      level2: '数量指标',
      ...fields,
    }),
    id: `id-${fields.name}`,
    source: 'stored',
    usedBy: 0,
    updatedAt: '2026-12-01T00:00:00.000Z',
  };
}

describe('built-in library', () => {
  it('carries Shanghai 2020’s nine common indicators as the framework lists them, not typed again', () => {
    const nine = builtInLibrary.filter((e) => e.frameworkId === 'shanghai-2020' && e.level1 === '投入与管理');
    expect(nine.map((e) => [e.level2, e.name])).toEqual(
      shanghai2020Framework.commonIndicators.map((c) => [c.level2, c.name]),
    );
    expect(nine.find((e) => e.name === '预算编制合理性')?.suggestedTarget).toBe('合理');
    expect(nine.find((e) => e.name === '预算执行率')?.suggestedTarget).toBe('>=95%');
  });

  it('has an entry for every level-2 category of every framework, under the labels the form prints', () => {
    for (const framework of frameworks.values()) {
      const entries = builtInLibrary.filter((e) => e.frameworkId === framework.id);
      for (const level1 of framework.level1) {
        for (const level2 of level1.level2) {
          const found = entries.filter((e) => placeIndicator(framework, e).level2?.name === level2.name);
          expect(found.length, `${framework.id} ${level1.name}/${level2.name}`).toBeGreaterThan(0);
        }
      }
    }
    const shanghai = builtInLibrary.filter((e) => e.frameworkId === 'shanghai-2020');
    expect(shanghai.find((e) => e.level2 === '数量')?.level1).toBe('产出目标');
    const national = builtInLibrary.filter((e) => e.frameworkId === 'national-2020');
    expect(national.find((e) => e.name === '举办活动场次')).toMatchObject({
      level1: '产出指标',
      level2: '数量指标',
    });
  });

  it('writes every suggested target as the target grammar prints it (>=, not ≥)', () => {
    for (const entry of builtInLibrary) {
      if (!entry.suggestedTarget) continue;
      const target = parseTarget(entry.suggestedTarget);
      if (target.kind === 'quantitative')
        expect(formatTarget(target), entry.name).toBe(entry.suggestedTarget);
      expect(entry.suggestedTarget, entry.name).not.toMatch(/[≥≤]/);
    }
  });

  it('lists entries in the framework’s order when nothing is searched: 数量, 质量, 时效, 成本', () => {
    const output = searchLibrary(builtInLibrary, { frameworkId: 'national-2020', level1: '产出指标' });
    const level2 = [...new Set(output.map((e) => e.level2))];
    expect(level2).toEqual(['数量指标', '质量指标', '时效指标', '成本指标']);
  });

  it('adds every entry of a framework without a finding of the review on the added indicators', () => {
    for (const framework of frameworks.values()) {
      const entries = builtInLibrary.filter((e) => e.frameworkId === framework.id);
      const { indicators } = addFromLibrary([], entries, { year: 2020, budgetYuan: 2_000_000 });
      expect(indicators).toHaveLength(entries.length);
      // Narratives without figures: the rules comparing targets with the text have nothing to compare.
      const narrative = { overview: '项目概况', goals: '总目标', plan: '实施计划' };
      const table = buildTable({ indicators, narrative: { ...buildTable().narrative, ...narrative } });
      const findings = reviewTable(table, framework.id).filter(
        (f) => f.indicatorIndex !== undefined && f.severity !== 'hint',
      );
      expect(
        findings.map((f) => `${indicators[f.indicatorIndex ?? 0]?.name}: ${f.ruleId} ${f.zh}`),
        framework.id,
      ).toEqual([]);
      expect(indicators.filter((i) => i.target.kind === 'missing').map((i) => i.name)).toEqual([]);
    }
  });

  it('has national satisfaction, timeliness and cost entries with unique ids', () => {
    const national = builtInLibrary.filter((e) => e.frameworkId === 'national-2020').map((e) => e.name);
    expect(national).toEqual(expect.arrayContaining(['服务对象满意度', '任务按期完成率', '成本控制率']));
    expect(new Set(builtInLibrary.map((e) => e.id)).size).toBe(builtInLibrary.length);
  });
});

describe('searchLibrary', () => {
  it('matches NFKC-folded, case-insensitive words over name, levels and tags, the name ranking first', () => {
    const entries = [
      stored({ name: '培训人次', tags: ['ＰＸ'] }),
      stored({ name: 'APP 下载量', tags: ['信息化'] }),
      stored({ name: '系统可用率', level2: '质量指标', tags: ['信息化', 'app'] }),
    ];
    expect(searchLibrary(entries, { q: 'ａｐｐ' }).map((e) => e.name)).toEqual(['APP 下载量', '系统可用率']);
    expect(searchLibrary(entries, { q: 'px' }).map((e) => e.name)).toEqual(['培训人次']);
    expect(searchLibrary(entries, { q: '信息化 可用' }).map((e) => e.name)).toEqual(['系统可用率']);
    expect(searchLibrary(entries, { q: '质量' }).map((e) => e.name)).toEqual(['系统可用率']);
    expect(searchLibrary(entries, { q: '没有' })).toEqual([]);
  });

  it('filters by framework and by level category whatever suffix the filter prints', () => {
    const shanghai = searchLibrary(builtInLibrary, {
      frameworkId: 'shanghai-2020',
      level1: '投入与管理目标',
    });
    expect(shanghai).toHaveLength(9);
    const finance = searchLibrary(builtInLibrary, {
      frameworkId: 'shanghai-2020',
      level1: '投入与管理',
      level2: '财务管理',
    });
    expect(finance.map((e) => e.name)).toEqual(['财务管理制度健全性', '财务监控有效性', '资金使用规范性']);
    const satisfaction = searchLibrary(builtInLibrary, { frameworkId: 'national-2020', level1: '满意度' });
    expect(satisfaction.map((e) => e.name).sort()).toEqual(['社会公众满意度', '服务对象满意度'].sort());
  });

  it('keeps the framework’s order when published tables use some entries: the count orders only the rest', () => {
    const shanghai = builtInLibrary.filter((e) => e.frameworkId === 'shanghai-2020');
    const used = new Map([
      ['服务对象满意度', 5],
      ['预算执行率', 3],
      ['任务按期完成率', 2],
    ]);
    const entries = [
      ...shanghai.map((e) => ({ ...e, usedBy: used.get(e.name) ?? 0 })),
      // 常用 entries the framework does not list: after its own ones in their level 2, most used first.
      {
        ...stored({ name: '参展人数', frameworkId: 'shanghai-2020', level1: '产出目标', level2: '数量' }),
        source: 'common' as const,
        usedBy: 2,
      },
      {
        ...stored({ name: '培训场次', frameworkId: 'shanghai-2020', level1: '产出目标', level2: '数量' }),
        source: 'common' as const,
        usedBy: 4,
      },
    ];
    const listed = searchLibrary(entries, { frameworkId: 'shanghai-2020' });
    const runs = (values: string[]) => values.filter((value, i) => value !== values[i - 1]);
    expect(runs(listed.map((e) => e.level1))).toEqual(['投入与管理', '产出目标', '效果目标', '影响力目标']);
    expect(listed.slice(0, 9).map((e) => e.name)).toEqual(
      shanghai2020Framework.commonIndicators.map((c) => c.name),
    );
    expect(runs(listed.filter((e) => e.level1 === '产出目标').map((e) => e.level2)).slice(0, 3)).toEqual([
      '数量',
      '质量',
      '时效',
    ]);
    expect(listed.filter((e) => e.level2 === '数量').map((e) => e.name)).toEqual([
      ...shanghai.filter((e) => e.level2 === '数量').map((e) => e.name),
      '培训场次',
      '参展人数',
    ]);
  });

  it('hides inactive entries unless asked, and ranks more used entries first among equals', () => {
    const entries = [
      stored({ name: '甲指标', active: false }),
      { ...stored({ name: '乙指标' }), usedBy: 3 },
      stored({ name: '丙指标' }),
    ];
    expect(searchLibrary(entries, {}).map((e) => e.name)).toEqual(['乙指标', '丙指标']);
    expect(searchLibrary(entries, { includeInactive: true })).toHaveLength(3);
  });
});

describe('commonIndicators', () => {
  const table = (names: [string, string, string, string][]) => ({
    frameworkId: 'shanghai-2020',
    indicators: names.map(([l1, l2, name, target]) =>
      buildIndicator(l1, l2, name, target, { direction: '正向' }),
    ),
  });

  it('counts an indicator once per published table and keeps those used by several', () => {
    const common = commonIndicators([
      table([
        ['产出目标', '数量', '参观人次', '>=2000人次'],
        ['产出目标', '数量', '参观人次', '>=2000人次'],
        ['效果目标', '满意度', '观众满意度', '>=90%'],
      ]),
      table([
        ['产出指标', '数量指标', '参观 人次', '>=3000人次'],
        ['效果目标', '满意度', '观众满意度', '>=90%'],
      ]),
      table([['产出目标', '数量', '参观人次', '>=2000人次']]),
      table([['产出目标', '质量', '只用一次', '100%']]),
    ]);
    expect(common.map((e) => [e.level1, e.level2, e.name, e.usedBy, e.suggestedTarget])).toEqual([
      ['产出目标', '数量', '参观人次', 3, '>=2000人次'],
      ['效果目标', '满意度', '观众满意度', 2, '>=90%'],
    ]);
    expect(common[0]?.source).toBe('common');
    expect(common[0]?.direction).toBe('正向');
  });

  it('adds its count to the built-in entry it matches instead of listing it twice', () => {
    const common = commonIndicators([
      table([['投入与管理', '投入管理', '预算执行率', '=100%']]),
      table([['投入与管理目标', '投入管理', '预算执行率', '100%']]),
    ]);
    const merged = mergeLibrary([], builtInLibrary, common);
    const rows = merged.filter((e) => e.name === '预算执行率');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ source: 'builtin', usedBy: 2 });
  });
});

describe('addFromLibrary', () => {
  const byName = (name: string, frameworkId = 'shanghai-2020') => {
    const found = builtInLibrary.find((e) => e.name === name && e.frameworkId === frameworkId);
    if (!found) throw new Error(name);
    return found;
  };

  it('appends under the table’s own level labels, after the last indicator of the same level 2', () => {
    const table = buildTable();
    const before = table.indicators.length;
    const satisfaction = byName('服务对象满意度');
    const { indicators, added, skipped } = addFromLibrary(table.indicators, [satisfaction], { year: 2020 });
    expect(added).toEqual([satisfaction]);
    expect(skipped).toEqual([]);
    expect(indicators).toHaveLength(before + 1);
    const at = indicators.findIndex((i) => i.name === '服务对象满意度');
    const lastSatisfaction = table.indicators.findLastIndex((i) => i.level2 === '满意度');
    expect(at).toBe(lastSatisfaction + 1);
    expect(indicators[at]).toMatchObject({
      level1: table.indicators[lastSatisfaction]?.level1,
      level2: '满意度',
    });
    expect(indicators[at]?.target).toMatchObject({
      kind: 'quantitative',
      operator: '>=',
      value: 90,
      unit: '%',
    });
  });

  it('skips an indicator the table already has and starts a missing level 1 in the framework’s order', () => {
    const table = buildTable();
    const { skipped } = addFromLibrary(table.indicators, [byName('预算执行率')]);
    expect(skipped.map((e) => e.name)).toEqual(['预算执行率']);

    const outputOnly = [buildIndicator('产出指标', '数量指标', '培训人次', '>=100人次')];
    const result = addFromLibrary(outputOnly, [
      byName('服务对象满意度', 'national-2020'),
      byName('任务按期完成率', 'national-2020'),
      byName('项目总成本', 'national-2021-cost'),
    ]);
    expect(result.indicators.map((i) => [i.level1, i.level2, i.name])).toEqual([
      ['成本指标', '经济成本指标', '项目总成本'],
      ['产出指标', '数量指标', '培训人次'],
      ['产出指标', '时效指标', '任务按期完成率'],
      ['满意度指标', '服务对象满意度指标', '服务对象满意度'],
    ]);
    expect(result.indicators[0]?.target.kind).toBe('missing');
  });

  it('gives a cost entry without a figure the table’s budget as its ceiling', () => {
    const { indicators } = addFromLibrary([], [byName('项目总成本', 'national-2021-cost')], {
      budgetYuan: 1_234_567,
    });
    expect(indicators[0]?.target).toMatchObject({ operator: '<=', value: 123.46, unit: '万元' });
  });

  it('puts a new level 2 where the framework orders it inside the level 1', () => {
    const table = [
      buildIndicator('产出目标', '时效', '项目完成及时性', '>=95%'),
      buildIndicator('效果目标', '满意度', '观众满意度', '>=90%'),
    ];
    const { indicators } = addFromLibrary(table, [byName('举办活动场次'), byName('验收合格率')]);
    expect(indicators.map((i) => `${i.level1}/${i.level2}/${i.name}`)).toEqual([
      '产出目标/数量/举办活动场次',
      '产出目标/质量/验收合格率',
      '产出目标/时效/项目完成及时性',
      '效果目标/满意度/观众满意度',
    ]);
  });
});
