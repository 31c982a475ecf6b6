import { AppError } from '../errors/app-error.ts';
import { type ScoringScheme, scoringSchemeSchema } from './scoring-scheme.schema.ts';

/**
 * The national default (财预〔2020〕10号 附件 项目支出绩效自评表): 预算执行率 10, indicators 90 split
 * 产出 50 / 效益 30 / 满意度 10. The notice's 自评表 says a reverse indicator that misses scores in
 * proportion, which most provinces read as target ÷ actual.
 */
const national2020: ScoringScheme = scoringSchemeSchema.parse({
  id: 'national-2020',
  version: 1,
  name: { zh: '全国项目支出绩效自评（财预〔2020〕10号）', en: 'National project self-evaluation (2020)' },
  basis: '财预〔2020〕10号',
  executionWeight: 10,
  executionReasonBelow: 0.9,
  categoryWeights: { output: 50, outcome: 30, satisfaction: 10 },
  // Satisfaction first: Shanghai's form puts 满意度 as a level 2 under 效果目标.
  categoryPatterns: [
    { category: 'satisfaction', pattern: '满意' },
    { category: 'outcome', pattern: '效益|效果|影响' },
    { category: 'output', pattern: '产出|成本|投入|管理' },
  ],
  fallbackCategory: 'output',
  reverseDecline: 'ratio',
  qualitativeBands: {
    达成: { min: 0.8, max: 1 },
    部分达成: { min: 0.6, max: 0.8 },
    未达成: { min: 0, max: 0.6 },
  },
  grades: [
    { grade: '优', min: 90 },
    { grade: '良', min: 80 },
    { grade: '中', min: 60 },
    { grade: '差', min: 0 },
  ],
  gradeBoundInclusive: 'lower',
  decimals: 2,
});

/** The same scheme where a missed reverse indicator declines linearly to 0 at twice the target. */
const national2020Linear: ScoringScheme = scoringSchemeSchema.parse({
  ...national2020,
  id: 'national-2020-linear',
  name: {
    zh: '全国项目支出绩效自评（反向指标线性递减）',
    en: 'National self-evaluation, linear reverse decline',
  },
  reverseDecline: 'linear',
});

/**
 * Local variant seen in Yunnan and Hubei forms (e.g. 保山市, 襄阳市): 预算执行率 20, indicators 80
 * (产出 40 / 效益 30 / 满意度 10 when the form prints no weights of its own).
 */
const localExecution20: ScoringScheme = scoringSchemeSchema.parse({
  ...national2020,
  id: 'local-execution-20',
  name: { zh: '地方项目支出绩效自评（预算执行率 20 分）', en: 'Local self-evaluation, execution worth 20' },
  basis: '地方自评办法（预算执行率 20 分，指标 80 分）',
  executionWeight: 20,
  categoryWeights: { output: 40, outcome: 30, satisfaction: 10 },
});

/**
 * Local variant with stricter qualitative bands: only a target reached in full earns 达成 (full marks),
 * 部分达成 50–99 %, 未达成 below half.
 */
const localStrictBands: ScoringScheme = scoringSchemeSchema.parse({
  ...national2020,
  id: 'local-strict-bands',
  name: {
    zh: '地方项目支出绩效自评（定性指标严格分档）',
    en: 'Local self-evaluation, strict qualitative bands',
  },
  basis: '地方自评办法（达成得满分，部分达成 50%–99%）',
  qualitativeBands: {
    达成: { min: 1, max: 1 },
    部分达成: { min: 0.5, max: 0.99 },
    未达成: { min: 0, max: 0.5 },
  },
});

/** Every scoring scheme by id. Add a region's scheme here (or store one as data) rather than branching code. */
export const SCORING_SCHEMES: Readonly<Record<string, ScoringScheme>> = {
  [national2020.id]: national2020,
  [national2020Linear.id]: national2020Linear,
  [localExecution20.id]: localExecution20,
  [localStrictBands.id]: localStrictBands,
};

export const DEFAULT_SCORING_SCHEME_ID = national2020.id;

/** Looks a scoring scheme up by id; throws `scoring.scheme_not_found` for an unknown id. */
export function getScoringScheme(id: string = DEFAULT_SCORING_SCHEME_ID): ScoringScheme {
  const scheme = SCORING_SCHEMES[id];
  if (!scheme) {
    throw new AppError('scoring.scheme_not_found', `评分办法不存在：${id}`, `Unknown scoring scheme: ${id}`, {
      path: 'schemeId',
    });
  }
  return scheme;
}

/** What a filled form printed that tells its scheme apart: its execution weight or score and row weights. */
export interface PrintedWeights {
  executionWeight?: number | null | undefined;
  executionScore?: number | null | undefined;
  rowWeights: readonly (number | null | undefined)[];
}

/**
 * The scheme a filled 自评表 follows, read from its printed weights: the scheme whose execution weight is
 * printed, else the one whose indicator points the printed row weights add up to, else one whose
 * execution weight the printed execution score needs; the default when nothing tells.
 */
export function detectScoringScheme(printed: PrintedWeights): ScoringScheme {
  const schemes = Object.values(SCORING_SCHEMES);
  const fallback = getScoringScheme();
  const byExecution = (w: number) =>
    w === fallback.executionWeight ? fallback : schemes.find((s) => s.executionWeight === w);
  if (typeof printed.executionWeight === 'number') {
    const found = byExecution(printed.executionWeight);
    if (found) return found;
  }
  const weights = printed.rowWeights.filter((w): w is number => typeof w === 'number');
  if (weights.length > 0) {
    const sum = Math.round(weights.reduce((a, b) => a + b, 0) * 100);
    const found = byExecution(100 - sum / 100);
    if (found) return found;
  }
  if (typeof printed.executionScore === 'number' && printed.executionScore > fallback.executionWeight) {
    const found = schemes
      .filter((s) => s.executionWeight >= (printed.executionScore ?? 0))
      .sort((a, b) => a.executionWeight - b.executionWeight)[0];
    if (found) return found;
  }
  return fallback;
}
