import { normaliseName } from '../../frameworks/framework-match.ts';
import type { PeerProject, UnitCost } from '../../peers/peer.schema.ts';
import { parseTarget } from '../../targets/target-grammar.ts';
import type { IndicatorFacts, Rule, RuleHit } from '../rule.ts';

// Evidence checks (案例库): a target or a unit cost compared with what similar projects achieved. The
// server finds the peers and passes them in (`ReviewContext.peers`); these rules only compare numbers,
// and every finding names the peers whose figures it used.

/** One similar project's achieved value of the same indicator, in the target's unit. */
interface Achieved {
  peer: PeerProject;
  value: number;
  printed: string;
}

/** How many peers a finding names before it says "等 n 个". */
const namedPeers = 4;

function peerLabel(peer: PeerProject): string {
  return `${peer.name}（${peer.year}，${peer.unit}）`;
}
function peerLabelEn(peer: PeerProject): string {
  return `${peer.name} (${peer.year}, ${peer.unit})`;
}

function listPeers(items: readonly { peer: PeerProject; printed: string }[]): { zh: string; en: string } {
  const shown = items.slice(0, namedPeers);
  const more = items.length - shown.length;
  return {
    zh:
      shown.map((a) => `${peerLabel(a.peer)}${a.printed}`).join('、') +
      (more > 0 ? ` 等 ${items.length} 个` : ''),
    en:
      shown.map((a) => `${peerLabelEn(a.peer)} ${a.printed}`).join('; ') +
      (more > 0 ? ` and ${more} more` : ''),
  };
}

/** Each peer's achieved value of the indicator named like `f` (one per peer, the first match). */
function achievedBy(peers: readonly PeerProject[], f: IndicatorFacts, unit: string | null): Achieved[] {
  const out: Achieved[] = [];
  for (const peer of peers) {
    const same = peer.indicators.find((i) => i.actual && normaliseName(i.name) === f.key);
    if (!same?.actual) continue;
    const actual = parseTarget(same.actual);
    if (actual.kind !== 'quantitative' || actual.value === null || actual.upper !== undefined) continue;
    // A bare number is taken in the target's unit, as forms often print 完成值 without one.
    if (actual.unit !== null && actual.unit !== unit) continue;
    out.push({ peer, value: actual.value, printed: same.actual.trim() });
  }
  return out;
}

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[mid] ?? 0) : ((sorted[mid - 1] ?? 0) + (sorted[mid] ?? 0)) / 2;
}

/** Quantitative single-value targets, with what the peers achieved when enough of them did. */
function comparable(
  input: Parameters<Rule['check']>[0],
): { f: IndicatorFacts; value: number; achieved: Achieved[] }[] {
  if (input.peers.length === 0) return [];
  return input.indicators.flatMap((f) => {
    const t = f.indicator.target;
    if (t.kind !== 'quantitative' || t.value === null || t.upper !== undefined) return [];
    const achieved = achievedBy(input.peers, f, t.unit);
    return achieved.length >= input.params.peerMinCount ? [{ f, value: t.value, achieved }] : [];
  });
}

const round = (n: number) => Number(n.toPrecision(6));

/** P01 目标偏低: a target far below what similar projects achieved (far looser, for a reverse indicator). */
export const peerTargetLowRule: Rule = {
  code: 'P01',
  category: 'comparison',
  severity: 'warning',
  zh: '目标值不远低于同类项目的实际完成水平（目标偏低；反向指标不远高于）',
  en: 'Targets are not far below what similar projects achieved (not far above, for reverse indicators)',
  check(input) {
    const hits: RuleHit[] = [];
    const ratio = input.params.peerLowRatio;
    for (const { f, value, achieved } of comparable(input)) {
      const m = median(achieved.map((a) => a.value));
      const low = f.reverse ? ratio > 0 && value > m / ratio : value < m * ratio;
      if (!low) continue;
      const peers = listPeers(achieved);
      const raw = f.indicator.target.raw.trim();
      hits.push({
        zh: `目标偏低：指标「${f.indicator.name}」的目标值「${raw}」${f.reverse ? '远宽于' : '远低于'}同类项目的实际完成水平（中位数 ${round(m)}）：${peers.zh}。请参照同类项目提高目标，或说明原因。`,
        en: `Target too low: "${f.indicator.name}" targets ${raw}, far ${f.reverse ? 'looser than' : 'below'} what similar projects achieved (median ${round(m)}): ${peers.en}. Raise it towards the peers or explain why.`,
        path: `indicators.${f.index}.target`,
        indicatorIndex: f.index,
      });
    }
    return hits;
  },
};

/** P02 目标不切实际: a target far above anything similar projects achieved (far below, for reverse ones). */
export const peerTargetUnrealisticRule: Rule = {
  code: 'P02',
  category: 'comparison',
  severity: 'hint',
  zh: '目标值不远高于任何同类项目的实际完成值（目标不切实际；反向指标不远低于）',
  en: 'Targets are not far above anything similar projects achieved (not far below, for reverse indicators)',
  check(input) {
    const hits: RuleHit[] = [];
    const ratio = input.params.peerHighRatio;
    for (const { f, value, achieved } of comparable(input)) {
      const values = achieved.map((a) => a.value);
      const best = f.reverse ? Math.min(...values) : Math.max(...values);
      const far = f.reverse ? value < best / ratio : value > best * ratio;
      if (!far) continue;
      const peers = listPeers(achieved);
      const raw = f.indicator.target.raw.trim();
      hits.push({
        zh: `目标不切实际：指标「${f.indicator.name}」的目标值「${raw}」远${f.reverse ? '低' : '高'}于所有同类项目的实际完成值（最好为 ${round(best)}）：${peers.zh}。请说明实现该目标的依据，或调整目标。`,
        en: `Target unrealistic: "${f.indicator.name}" targets ${raw}, far ${f.reverse ? 'below' : 'above'} anything similar projects achieved (best ${round(best)}): ${peers.en}. Show how it will be reached, or adjust it.`,
        path: `indicators.${f.index}.target`,
        indicatorIndex: f.index,
      });
    }
    return hits;
  },
};

/** Each peer's unit cost per `per` (元/人 …): what was achieved first, then a stated cost, then targets. */
function peerCosts(peers: readonly PeerProject[], per: string): { peer: PeerProject; cost: UnitCost }[] {
  const order: Record<UnitCost['basis'], number> = { actual: 0, stated: 1, target: 2 };
  return peers.flatMap((peer) => {
    const best = peer.unitCosts
      .filter((c) => c.per === per)
      .sort((a, b) => order[a.basis] - order[b.basis])[0];
    return best ? [{ peer, cost: best }] : [];
  });
}

/** P03: a unit cost (budget ÷ output, or a cost indicator) far outside the similar projects' range. */
export const peerUnitCostRule: Rule = {
  code: 'P03',
  category: 'comparison',
  severity: 'warning',
  zh: '单位成本（预算 ÷ 产出数量，或成本指标）不远超出同类项目的单位成本区间',
  en: "Unit costs (budget ÷ output, or a cost indicator) are not far outside the similar projects' range",
  check({ table, peers, params, unitCosts }) {
    if (peers.length === 0) return [];
    const hits: RuleHit[] = [];
    const seen = new Set<number>();
    for (const mine of unitCosts) {
      if (seen.has(mine.indicatorIndex)) continue;
      const theirs = peerCosts(peers, mine.per);
      if (theirs.length < params.peerMinCount) continue;
      const values = theirs.map((c) => c.cost.yuan);
      const low = Math.min(...values);
      const high = Math.max(...values);
      const ratio = params.peerUnitCostRatio;
      const above = mine.yuan > high * ratio;
      const below = mine.yuan < low / ratio;
      if (!above && !below) continue;
      seen.add(mine.indicatorIndex);
      const name = table.indicators[mine.indicatorIndex]?.name ?? '';
      const listed = listPeers(
        theirs.map(({ peer, cost }) => ({ peer, printed: ` ${round(cost.yuan)}元/${cost.per}` })),
      );
      const how =
        mine.basis === 'stated'
          ? { zh: `成本指标「${name}」`, en: `cost indicator "${name}"` }
          : {
              zh: `按当年预算和「${name}」目标测算的单位成本`,
              en: `the unit cost from the budget and the target of "${name}"`,
            };
      hits.push({
        zh: `${how.zh} ${round(mine.yuan)}元/${mine.per}${above ? '远高于' : '远低于'}同类项目的单位成本（${round(low)}–${round(high)}元/${mine.per}）：${listed.zh}。请核实预算测算或产出目标。`,
        en: `${how.en.charAt(0).toUpperCase()}${how.en.slice(1)} is ${round(mine.yuan)} yuan per ${mine.per}, far ${above ? 'above' : 'below'} the similar projects' ${round(low)}–${round(high)}: ${listed.en}. Check the budget or the output target.`,
        path: `indicators.${mine.indicatorIndex}.target`,
        indicatorIndex: mine.indicatorIndex,
      });
    }
    return hits;
  },
};

export const peerEvidenceRules: readonly Rule[] = [
  peerTargetLowRule,
  peerTargetUnrealisticRule,
  peerUnitCostRule,
];
