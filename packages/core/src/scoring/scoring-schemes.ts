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

/** Every scoring scheme by id. Add a region's scheme here (or store one as data) rather than branching code. */
export const SCORING_SCHEMES: Readonly<Record<string, ScoringScheme>> = {
  [national2020.id]: national2020,
  [national2020Linear.id]: national2020Linear,
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
