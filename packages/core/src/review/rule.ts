import type { ExAnteAssessment } from '../ex-ante/ex-ante.schema.ts';
import type { Framework } from '../frameworks/framework.schema.ts';
import type { IndicatorPlace } from '../frameworks/framework-match.ts';
import type { PeerProject, UnitCost } from '../peers/peer.schema.ts';
import type { Indicator, Narrative, PerformanceTable } from '../tables/table.schema.ts';
import type { RuleCategory, Severity } from './finding.schema.ts';

/** What a review may know besides the table itself. */
export interface ReviewContext {
  /** Last year's table of the same project, ideally its self-evaluation with actual values. */
  previous?: PerformanceTable | null;
  /** Similar projects (案例库) the server found, with what they achieved: the evidence rules' data. */
  peers?: readonly PeerProject[];
  /**
   * The table's ex-ante assessment (事前绩效评估): null when it has none; left out when the caller did not
   * look, and then the ex-ante rules report nothing.
   */
  exAnte?: ExAnteAssessment | null;
}

/** Per-set parameters of the shared rules. */
export interface RuleParams {
  framework: Framework;
  requiredFields: ReadonlyArray<'unit' | 'name' | 'category' | 'startDate' | 'endDate' | 'performanceType'>;
  requiredBudget: ReadonlyArray<'total' | 'currentYear'>;
  requiredNarratives: ReadonlyArray<keyof Narrative>;
  /** Budget growth over last year (0.1 = 10%) above which outputs are expected to grow too. */
  budgetGrowthThreshold: number;
  /** 目标偏低: a target below this share of the median the similar projects achieved (0.5 = half). */
  peerLowRatio: number;
  /** 目标不切实际: a target above this multiple of the best any similar project achieved. */
  peerHighRatio: number;
  /** A unit cost above this multiple of the similar projects' highest, or below their lowest ÷ it. */
  peerUnitCostRatio: number;
  /** How many similar projects with a comparable figure an evidence finding needs. */
  peerMinCount: number;
  /** 结果应用: next year's budget of a project graded 中 is cut by this share (0.1 = 10%). */
  linkageReduceShare: number;
  /** 整改: a re-check gap (the unit's printed total − the rules') of at least this many points opens a task. */
  rectificationRecheckGap: number;
  /** 事前绩效评估: a new project whose budget of the year reaches this (元) needs one; 0 every new one, null none. */
  exAnteNewProjectMin: number | null;
  /** 事前绩效评估: any project whose budget of the year reaches this (元) needs one; null none. */
  exAnteAnyProjectMin: number | null;
  /** An assessment total from which the conclusion should be 予以支持. */
  exAnteSupportScore: number;
  /** An assessment total from which the conclusion should be at least 部分支持. */
  exAntePartialScore: number;
}

/** An indicator with what the rules ask about it, worked out once per review. */
export interface IndicatorFacts {
  index: number;
  indicator: Indicator;
  place: IndicatorPlace;
  /** Name without spaces, with ASCII brackets, lower case: for duplicates and year-to-year matching. */
  key: string;
  /** The name says it is a rate or share (…率, 比例, 占比) or a satisfaction level. */
  rateLike: boolean;
  satisfaction: boolean;
  /** Lower is better: declared 反向, or a cost/complaint/accident indicator when no direction is given. */
  reverse: boolean;
  /** A number with a unit written into the name (`20%`), as printed. */
  numberInName: string | null;
  placeholderInName: boolean;
  /** 项目完成率 and the like: fits any project. */
  genericOutput: boolean;
  /** Satisfaction of the implementers (项目执行者满意度). */
  implementerSatisfaction: boolean;
}

/** Everything a rule reads, prepared once by `reviewTable`. */
export interface ReviewInput {
  table: PerformanceTable;
  params: RuleParams;
  previous: PerformanceTable | null;
  peers: readonly PeerProject[];
  /** The stored ex-ante assessment; undefined when the review was not given it. */
  exAnte: ExAnteAssessment | null | undefined;
  /** The table's own unit costs, worked out only when there are peers to compare them with. */
  unitCosts: readonly UnitCost[];
  indicators: readonly IndicatorFacts[];
  /** Indicators by the name of the framework level-1 category they sit in, in table order. */
  byLevel1: ReadonlyMap<string, readonly IndicatorFacts[]>;
}

/** One hit of a rule before the rule set gives it its id and severity. */
export interface RuleHit {
  zh: string;
  en: string;
  path?: string;
  indicatorIndex?: number;
}

/** A review rule: a stable code, a default severity, a description and a pure check. */
export interface Rule {
  /** Stable within the shared library, e.g. `Q01`; a rule set prefixes it (`SH2020-Q01`). */
  code: string;
  category: RuleCategory;
  severity: Severity;
  /** What the rule checks, for listings. */
  zh: string;
  en: string;
  /** The rule reports something absent, so it cannot judge a table whose source was cut off. */
  needsWholeTable?: boolean;
  check(input: ReviewInput): RuleHit[];
}
