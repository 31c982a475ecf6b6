import { describe, expect, it } from 'vitest';
import type { PeerProject } from '../../peers/peer.schema.ts';
import { peerProjectOf } from '../../peers/peer-project.ts';
import type { PerformanceTable } from '../../tables/table.schema.ts';
import { reviewTable } from '../review-table.ts';
import { getRuleSet } from '../rule-sets.ts';
import { buildIndicator, buildTable } from '../testing/table-factory.ts';

const sound = buildTable();

/** A similar project's self-evaluation of the indicators in `actuals` (name → 实际完成值), nothing else. */
function peer(name: string, actuals: Record<string, string>, budget = 2_000_000): PeerProject {
  const table = buildTable({
    kind: 'self-evaluation',
    year: 2019,
    unit: `${name}单位`,
    name,
    budget: { total: budget, currentYear: budget },
    indicators: sound.indicators
      .filter((i) => i.name in actuals)
      .map((i) => ({ ...i, actual: actuals[i.name] ?? null })),
  });
  return peerProjectOf({
    tableId: '00000000-0000-4000-8000-000000000001',
    version: 1,
    department: null,
    similarity: 0.5,
    table,
    evaluation: null,
  });
}

const review = (table: PerformanceTable, peers: PeerProject[]) =>
  reviewTable(table, 'shanghai-2020', { peers });
/** The evidence rules' findings (a changed target may also trip other rules, e.g. K07 on the goals). */
const ids = (table: PerformanceTable, peers: PeerProject[]) =>
  review(table, peers)
    .filter((f) => /-P\d\d$/.test(f.ruleId))
    .map((f) => `${f.ruleId}@${f.path ?? ''}`);

const withTarget = (name: string, target: string) =>
  buildTable({
    indicators: sound.indicators.map((i) =>
      i.name === name ? buildIndicator(i.level1 ?? '', i.level2 ?? '', name, target) : i,
    ),
  });

describe('evidence rules (similar projects)', () => {
  it('do nothing without peers, and need peerMinCount peers with a comparable figure', () => {
    expect(ids(sound, [])).toEqual([]);
    expect(ids(sound, [peer('甲', { 服务市民人次: '90000人次' })])).toEqual([]);
  });

  it('P01 flags a target far below what the peers achieved, naming them', () => {
    const peers = [
      peer('甲区科普经费', { 服务市民人次: '50000人次' }, 5_000_000),
      peer('乙区科普经费', { 服务市民人次: '60000' }, 6_000_000),
    ];
    expect(ids(sound, peers)).toEqual(['SH2020-P01@indicators.12.target']);
    const finding = review(sound, peers).find((f) => f.ruleId.endsWith('P01') || f.ruleId.endsWith('P03'));
    expect(finding?.zh).toContain('甲区科普经费（2019，甲区科普经费单位）50000人次');
    expect(finding?.zh).toContain('中位数 55000');
    expect(finding?.en).toContain('乙区科普经费 (2019');
    // Within half the median: no finding.
    const close = [peer('甲', { 服务市民人次: '30000人次' }), peer('乙', { 服务市民人次: '35000人次' })];
    expect(ids(sound, close)).toEqual([]);
  });

  it('P01 reads the ratio from the rule set parameters', () => {
    const peers = [peer('甲', { 服务市民人次: '30000人次' }), peer('乙', { 服务市民人次: '35000人次' })];
    const base = getRuleSet('shanghai-2020');
    const set = { ...base, params: { ...base.params, peerLowRatio: 0.9 } };
    expect(reviewTable(sound, set, { peers }).map((f) => f.ruleId)).toEqual(['SH2020-P01']);
  });

  it('P01 flags a reverse target far looser than the peers achieved', () => {
    const complaints = buildIndicator('效果目标', '社会效益', '投诉次数', '<=20次');
    const table = buildTable({ indicators: [...sound.indicators, { ...complaints, direction: '反向' }] });
    const withComplaints = (n: string) => {
      const p = peer('丙', {});
      return {
        ...p,
        indicators: [
          ...p.indicators,
          {
            ...p.indicators[0],
            index: 15,
            name: '投诉次数',
            target: '<=20次',
            direction: '反向' as const,
            actual: n,
            level1: '效果目标',
            level2: '社会效益',
            score: null,
          },
        ],
      };
    };
    expect(ids(table, [withComplaints('2次'), withComplaints('3次')])).toEqual([
      'SH2020-P01@indicators.15.target',
    ]);
  });

  it('P02 flags a target far above anything achieved', () => {
    const peers = [peer('甲', { 服务市民人次: '20000人次' }), peer('乙', { 服务市民人次: '25000人次' })];
    const table = withTarget('服务市民人次', '>=200000人次');
    // The same budget for ten times the people is also a unit cost far below the peers' (P03).
    expect(ids(table, peers)).toEqual(['SH2020-P02@indicators.12.target', 'SH2020-P03@indicators.12.target']);
    expect(review(table, peers).find((f) => f.ruleId.endsWith('P02'))?.zh).toContain('最好为 25000');
    expect(ids(withTarget('服务市民人次', '>=45000人次'), peers)).toEqual([]);
  });

  it('P03 flags a unit cost far outside the peers range, naming their costs', () => {
    // 2,000,000 元 for 120 场 is 16,667 元/场; the peers held 180 and 150 场 for 5,000 and 4,000 元 each.
    const peers = [
      peer('甲', { 举办科普活动场次: '180场' }, 900_000),
      peer('乙', { 举办科普活动场次: '150场' }, 600_000),
    ];
    expect(ids(sound, peers)).toEqual(['SH2020-P03@indicators.9.target']);
    const finding = review(sound, peers).find((f) => f.ruleId.endsWith('P01') || f.ruleId.endsWith('P03'));
    expect(finding?.zh).toContain('16666.7元/场');
    expect(finding?.zh).toContain('4000–5000元/场');
    expect(finding?.zh).toContain('甲（2019，甲单位） 5000元/场');
    // 200 场 is 10,000 元/场: twice the peers' highest, not beyond it.
    expect(ids(withTarget('举办科普活动场次', '>=200场'), peers)).toEqual([]);
  });

  it('P03 compares a stated cost indicator (万元/场) with the peers costs', () => {
    const cost = buildIndicator('产出目标', '成本', '每场活动成本', '<=0.1万元/场');
    const table = buildTable({ indicators: [...sound.indicators, cost] });
    const peers = [
      peer('甲', { 举办科普活动场次: '120场' }, 600_000),
      peer('乙', { 举办科普活动场次: '130场' }, 650_000),
    ];
    // The budget ÷ 120 场 (16,667 元/场) is also far above their 5,000 元/场.
    expect(ids(table, peers)).toEqual(['SH2020-P03@indicators.9.target', 'SH2020-P03@indicators.15.target']);
    expect(review(table, peers).find((f) => f.path === 'indicators.15.target')?.zh).toContain(
      '成本指标「每场活动成本」 1000元/场远低于',
    );
  });
});
