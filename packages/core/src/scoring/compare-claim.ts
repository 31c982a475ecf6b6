import type { PerformanceTable } from '../tables/table.schema.ts';
import { formatNumber, mulDiv } from './exact-decimal.ts';
import type { ScoringScheme } from './scoring-scheme.schema.ts';
import type { ScoreLine } from './self-evaluation.schema.ts';
import {
  CLAIM_CAUSE_LABELS,
  type ClaimCause,
  type ClaimComparison,
  type ClaimedRow,
  type ClaimLine,
  type SelfEvaluationClaim,
} from './self-evaluation-claim.schema.ts';

// A claimed score equals the rule's when within ±0.1 point: forms print one decimal at most.
const TOLERANCE_POINTS = 0.1;

interface Context {
  scale: number;
  tolerance: number;
}

const pts = (cents: number, ctx: Context) => formatNumber(cents / ctx.scale);

// Scores and printed points have at most a few decimals: scaling and rounding is exact for them, and this
// runs for every row of a region's self-evaluations.
function toCents(points: number, ctx: Context): number {
  return Math.round(points * ctx.scale);
}

function line(
  target: ClaimLine['target'],
  printedWeight: number | null,
  weight: number,
  claimed: number | null,
  rule: number,
  difference: number | null,
  cause: ClaimCause | null,
  zh: string,
  en: string,
): ClaimLine {
  return { target, printedWeight, weight, claimed, rule, difference, cause, zh, en };
}

/** The cause of one indicator row's difference, from the rule's status and the numbers in cents. */
function rowCause(
  status: ScoreLine['status'],
  claimed: number,
  rule: number,
  weight: number,
  weightChanged: boolean,
  weightMissing: boolean,
  ctx: Context,
): ClaimCause | null {
  const differs = Math.abs(claimed - rule) > ctx.tolerance;
  // A weight the form did not print (the rule's comes from the scheme's split) or printed otherwise explains
  // a difference before anything measured against that weight.
  if (differs && weightMissing) return 'weight_missing';
  if (differs && weightChanged) return 'weight_changed';
  if (claimed > weight + ctx.tolerance) return 'above_weight';
  if (status === 'graded' || status === 'needs_grade') return 'qualitative';
  if (status === 'missing_actual') return 'missing_actual';
  if (!differs) return weightChanged ? 'weight_changed' : null;
  if (status === 'met' && claimed < rule) return 'met_below_weight';
  if (status === 'unmet' && claimed >= weight - ctx.tolerance) return 'missed_full_marks';
  return 'formula';
}

function indicatorLine(
  score: ScoreLine,
  row: ClaimedRow | undefined,
  printedWeight: number | null,
  ctx: Context,
): ClaimLine {
  const index = score.indicatorIndex ?? 0;
  const claimed = typeof row?.score === 'number' ? row.score : null;
  const rule = score.computedScore;
  const ruleNumber = formatNumber(rule);
  const ruleText = `${ruleNumber}（${score.explanation.formula}）`;
  if (score.status === 'not_scored') {
    const label = CLAIM_CAUSE_LABELS.not_scored;
    const printed = claimed === null ? '' : `；表上得分 ${formatNumber(claimed)} 不计入`;
    const printedEn = claimed === null ? '' : `; the printed ${formatNumber(claimed)} is not counted`;
    return line(
      index,
      printedWeight,
      0,
      claimed,
      0,
      null,
      'not_scored',
      `${label.zh}${printed}。`,
      `${label.en}${printedEn}.`,
    );
  }
  if (claimed === null) {
    const label = CLAIM_CAUSE_LABELS.not_printed;
    return line(
      index,
      printedWeight,
      score.weight,
      null,
      rule,
      null,
      'not_printed',
      `${label.zh}；按规则 ${ruleText}。`,
      `${label.en}; the rule gives ${ruleNumber} (${score.explanation.formula}).`,
    );
  }
  const c = toCents(claimed, ctx);
  const r = toCents(rule, ctx);
  const w = toCents(score.weight, ctx);
  const weightChanged = printedWeight !== null && toCents(printedWeight, ctx) !== w;
  const cause = rowCause(score.status, c, r, w, weightChanged, printedWeight === null, ctx);
  const difference = (c - r) / ctx.scale;
  const claimedNumber = formatNumber(claimed);
  const head = `单位自评 ${claimedNumber} 分，按规则 ${ruleText}`;
  const headEn = `Claimed ${claimedNumber}, the rule gives ${ruleNumber} (${score.explanation.formula})`;
  if (cause === null)
    return line(
      index,
      printedWeight,
      score.weight,
      claimed,
      rule,
      difference,
      null,
      `${head}，一致。`,
      `${headEn}: the same.`,
    );
  const label = CLAIM_CAUSE_LABELS[cause];
  const differenceText = pts(c - r, ctx);
  const detail =
    cause === 'weight_missing'
      ? { zh: `（${formatNumber(score.weight)} 分）`, en: ` (${formatNumber(score.weight)})` }
      : cause === 'weight_changed'
        ? {
            zh: `（印刷分值 ${formatNumber(printedWeight ?? 0)}，按规则 ${formatNumber(score.weight)}）`,
            en: ` (printed weight ${formatNumber(printedWeight ?? 0)}, rule ${formatNumber(score.weight)})`,
          }
        : { zh: '', en: '' };
  return line(
    index,
    printedWeight,
    score.weight,
    claimed,
    rule,
    difference,
    cause,
    `${head}，相差 ${differenceText} 分：${label.zh}${detail.zh}。`,
    `${headEn}, difference ${differenceText}: ${label.en}${detail.en}.`,
  );
}

function executionLine(
  score: ScoreLine,
  claim: SelfEvaluationClaim,
  scheme: ScoringScheme,
  ctx: Context,
): ClaimLine {
  const printedWeight = claim.executionWeight ?? null;
  const claimed = claim.executionScore;
  const rule = score.computedScore;
  const ruleText = `${formatNumber(rule)}（${score.explanation.formula}）`;
  if (claimed === null) {
    // Without the budget figures the rules give 0 where the form may print points: that explains a gap.
    const cause = score.status === 'missing_actual' ? 'missing_actual' : 'not_printed';
    const label =
      cause === 'missing_actual'
        ? { zh: '缺少调整后预算数或执行数', en: 'Adjusted budget or spending missing' }
        : CLAIM_CAUSE_LABELS[cause];
    return line(
      'execution',
      printedWeight,
      scheme.executionWeight,
      null,
      rule,
      null,
      cause,
      `预算执行率：${label.zh}；按规则 ${ruleText}。`,
      `Budget execution: ${label.en}; the rule gives ${formatNumber(rule)}.`,
    );
  }
  const c = toCents(claimed, ctx);
  const r = toCents(rule, ctx);
  const difference = (c - r) / ctx.scale;
  const head = `预算执行率：单位自评 ${formatNumber(claimed)} 分，按规则 ${ruleText}`;
  const headEn = `Budget execution: claimed ${formatNumber(claimed)}, the rule gives ${formatNumber(rule)} (${score.explanation.formula})`;
  const cause: ClaimCause | null =
    score.status === 'missing_actual'
      ? 'missing_actual'
      : Math.abs(c - r) > ctx.tolerance
        ? claimed > scheme.executionWeight + TOLERANCE_POINTS
          ? 'above_weight'
          : 'execution'
        : null;
  if (cause === null)
    return line(
      'execution',
      printedWeight,
      scheme.executionWeight,
      claimed,
      rule,
      difference,
      null,
      `${head}，一致。`,
      `${headEn}: the same.`,
    );
  const label = CLAIM_CAUSE_LABELS[cause];
  return line(
    'execution',
    printedWeight,
    scheme.executionWeight,
    claimed,
    rule,
    difference,
    cause,
    `${head}，相差 ${pts(c - r, ctx)} 分：${label.zh}。`,
    `${headEn}, difference ${pts(c - r, ctx)}: ${label.en}.`,
  );
}

/**
 * The unit's claim beside the rules' scores: per row the difference and its cause in words, the
 * claimed total against the sum of its rows, and printed weights against the scheme's total.
 */
export function compareClaim(
  table: PerformanceTable,
  claim: SelfEvaluationClaim,
  execution: ScoreLine,
  indicators: readonly ScoreLine[],
  scheme: ScoringScheme,
): ClaimComparison {
  const ctx: Context = {
    scale: 10 ** scheme.decimals,
    tolerance: mulDiv(10 ** scheme.decimals, TOLERANCE_POINTS, 1),
  };
  const rows = new Map<number, ClaimedRow>();
  for (const row of claim.rows) rows.set(row.index, row);
  const lines: ClaimLine[] = [executionLine(execution, claim, scheme, ctx)];
  let ruleCents = toCents(execution.computedScore, ctx);
  let claimedCents = claim.executionScore === null ? null : toCents(claim.executionScore, ctx);
  let printedWeights = 0;
  let anyPrintedWeight = false;
  for (const score of indicators) {
    const index = score.indicatorIndex ?? 0;
    const row = rows.get(index);
    const printedWeight = row?.weight ?? table.indicators[index]?.weight ?? null;
    if (typeof printedWeight === 'number') {
      printedWeights += toCents(printedWeight, ctx);
      anyPrintedWeight = true;
    }
    const compared = indicatorLine(score, row, printedWeight, ctx);
    lines.push(compared);
    if (score.status === 'not_scored') continue;
    ruleCents += toCents(score.computedScore, ctx);
    if (claimedCents !== null)
      claimedCents = compared.claimed === null ? null : claimedCents + toCents(compared.claimed, ctx);
  }
  const notes: ClaimComparison['notes'] = [];
  const claimedRowsSum = claimedCents === null ? null : claimedCents / ctx.scale;
  if (
    claim.total !== null &&
    claimedCents !== null &&
    Math.abs(toCents(claim.total, ctx) - claimedCents) > ctx.tolerance
  ) {
    notes.push({
      code: 'total_not_sum',
      zh: `印刷总分 ${formatNumber(claim.total)} 分，不等于预算执行与各指标得分之和 ${pts(claimedCents, ctx)} 分。`,
      en: `The printed total ${formatNumber(claim.total)} is not the sum of execution and indicator scores, ${pts(claimedCents, ctx)}.`,
    });
  }
  const indicatorPoints = toCents(100 - scheme.executionWeight, ctx);
  if (anyPrintedWeight && printedWeights !== indicatorPoints) {
    notes.push({
      code: 'weights_total',
      zh: `印刷的指标分值合计 ${pts(printedWeights, ctx)} 分，不等于评分办法“${scheme.name.zh}”的 ${pts(indicatorPoints, ctx)} 分。`,
      en: `Printed indicator weights add up to ${pts(printedWeights, ctx)}, not the ${pts(indicatorPoints, ctx)} of the scheme "${scheme.name.en}".`,
    });
  }
  if (
    typeof claim.executionWeight === 'number' &&
    toCents(claim.executionWeight, ctx) !== toCents(scheme.executionWeight, ctx)
  ) {
    notes.push({
      code: 'weights_total',
      zh: `印刷的预算执行率分值 ${formatNumber(claim.executionWeight)} 分，评分办法为 ${formatNumber(scheme.executionWeight)} 分。`,
      en: `The printed execution weight is ${formatNumber(claim.executionWeight)}; the scheme's is ${formatNumber(scheme.executionWeight)}.`,
    });
  }
  const claimedTotal = claim.total ?? claimedRowsSum;
  const ruleTotal = ruleCents / ctx.scale;
  const causes = new Set<ClaimCause>();
  for (const l of lines) if (l.cause !== null && l.cause !== 'not_printed') causes.add(l.cause);
  for (const n of notes) causes.add(n.code);
  return {
    lines,
    claimedTotal,
    claimedRowsSum,
    ruleTotal,
    gap: claimedTotal === null ? null : (toCents(claimedTotal, ctx) - ruleCents) / ctx.scale,
    causes: [...causes],
    notes,
  };
}
