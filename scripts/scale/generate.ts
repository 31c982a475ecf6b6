/**
 * Province-scale data, generated row by row without I/O: the organisation tree (one finance bureau, 40
 * departments, 2,000 units), users, and per table its project, every version its life cycle made, its
 * workflow events, reviews and comments, indicators, monitoring report, self-evaluation and audit rows.
 * Derived columns come from the app's own functions (derivedColumns, indicatorRows, assessMonitoring,
 * scoreSelfEvaluation), so the rows are what the app itself would have written. Each table draws from a
 * generator seeded by (seed, table number): the same seed gives the same data whatever the batch size.
 */

import { assessMonitoring, missingMeasureCount } from '@jixiao/core/monitoring/assess-monitoring';
import type { IndicatorProgress, MonitoringReport } from '@jixiao/core/monitoring/monitoring.schema';
import { DEFAULT_MONITORING_SCHEME } from '@jixiao/core/monitoring/monitoring-scheme.schema';
import { scoreSelfEvaluation } from '@jixiao/core/scoring/score-self-evaluation';
import { getScoringScheme } from '@jixiao/core/scoring/scoring-schemes';
import type { IndicatorActual, SelfEvaluationEntry } from '@jixiao/core/scoring/self-evaluation.schema';
import type { Indicator, PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { TableStatus } from '@jixiao/core/tables/table-record.schema';
import type { Target } from '@jixiao/core/targets/target.schema';
import { parseTarget } from '@jixiao/core/targets/target-grammar';
import type { WorkflowAction } from '@jixiao/core/workflow/workflow.schema';
import { bigramsLiteral } from '@jixiao/db/search-text';
import { derivedColumns, indicatorColumns, indicatorRows } from '@jixiao/db/tables.repository';
import {
  departmentNames,
  projectActivities,
  projectTopics,
  unitKinds,
  type Vocabulary,
  type VocabularyIndicator,
} from './vocabulary.ts';

/** A small fast seedable generator (mulberry32): numbers in [0, 1). */
export function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

function mix(a: number, b: number): number {
  let h = Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x7f4a7c15, 0xc2b2ae35);
  h ^= h >>> 16;
  return Math.imul(h, 0x27d4eb2f) >>> 0;
}

const hex = (n: number, digits: number) => Math.floor(n).toString(16).padStart(digits, '0').slice(-digits);

/**
 * Version-4 shaped UUIDs, unique by construction: a namespace number (the table's index, or a range of
 * its own for organisations, users and projects) and a counter, then random digits. Seeded generators'
 * streams overlap, so random digits alone would repeat over millions of rows; the namespace first also
 * keeps each table's rows together in the primary-key indexes while loading.
 */
export function idsFor(namespace: number, random: () => number): () => string {
  let counter = 0;
  return () => {
    const n = counter++;
    const variant = (8 + Math.floor(random() * 4)).toString(16);
    return `${hex(namespace, 8)}-${hex(n, 4)}-4${hex(random() * 4096, 3)}-${variant}${hex(random() * 4096, 3)}-${hex(random() * 2 ** 24, 6)}${hex(random() * 2 ** 24, 6)}`;
  };
}

/** Namespaces of ids that are not a table's: far above any table index. */
const worldNamespace = 0xf000_0000;
const projectNamespace = 0xe000_0000;

export interface ScaleOrganisation {
  id: string;
  name: string;
  kind: 'finance' | 'department' | 'unit';
  parentId: string | null;
}

export interface ScaleUser {
  id: string;
  username: string;
  displayName: string;
  organisationId: string | null;
  roles: string[];
}

/** The password of every generated user (the bench signs in with it). */
export const scalePassword = 'jixiao-scale-2026';

/** Who the bench signs in as: a finance reviewer, a department reviewer and an author. */
export const benchUsers = { finance: 'finance1', department: 'dept01', author: 'author0001' } as const;

export interface ScaleWorld {
  seed: number;
  tables: number;
  years: number[];
  /** The year being prepared (drafts and reviews), after the year being executed. */
  preparingYear: number;
  now: Date;
  finance: ScaleOrganisation;
  departments: ScaleOrganisation[];
  units: ScaleOrganisation[];
  users: ScaleUser[];
  /** The authors of each unit and the reviewer of each department, by index. */
  authorOfUnit: ScaleUser[];
  reviewerOfDepartment: ScaleUser[];
  financeReviewers: ScaleUser[];
  vocabulary: Vocabulary;
  /** Cumulative Zipf weights over vocabulary.indicators. */
  cumulative: Float64Array;
  projectNamePool: string[];
}

export const unitsPerDepartment = 50;

/** Builds the organisations, users and word weights of a dataset of `tables` tables. */
export function buildWorld(options: {
  tables: number;
  seed: number;
  vocabulary: Vocabulary;
  now?: Date;
}): ScaleWorld {
  const random = randomFrom(mix(options.seed, 0x5ca1e));
  const nextId = idsFor(worldNamespace, random);
  const now = options.now ?? new Date('2026-12-06T08:00:00Z');
  const preparingYear = now.getUTCFullYear() + 1;
  const years = Array.from({ length: 9 }, (_, i) => preparingYear - 8 + i);
  const finance: ScaleOrganisation = {
    id: nextId(),
    name: '省财政厅',
    kind: 'finance',
    parentId: null,
  };
  const departments = departmentNames.map((name) => ({
    id: nextId(),
    name,
    kind: 'department' as const,
    parentId: finance.id,
  }));
  const units = departments.flatMap((department) =>
    unitKinds.slice(0, unitsPerDepartment).map((kind) => ({
      id: nextId(),
      name: `${department.name}${kind}`,
      kind: 'unit' as const,
      parentId: department.id,
    })),
  );
  const financeReviewers = [1, 2].map((n) => ({
    id: nextId(),
    username: `finance${n}`,
    displayName: `财政审核${n}`,
    organisationId: finance.id,
    roles: ['finance_reviewer'],
  }));
  const reviewerOfDepartment = departments.map((department, i) => ({
    id: nextId(),
    username: `dept${String(i + 1).padStart(2, '0')}`,
    displayName: `${department.name}审核员`,
    organisationId: department.id,
    roles: ['department_reviewer'],
  }));
  const authorOfUnit = units.map((unit, i) => ({
    id: nextId(),
    username: `author${String(i + 1).padStart(4, '0')}`,
    displayName: `${unit.name}填报人`,
    organisationId: unit.id,
    roles: ['author'],
  }));
  const others = [
    { username: 'admin', displayName: '系统管理员', organisationId: finance.id, roles: ['admin'] },
    { username: 'auditor', displayName: '审计', organisationId: null, roles: ['auditor'] },
  ].map((user) => ({ id: nextId(), ...user }));

  // Zipf over the corpus's frequency order: the k-th most printed name is drawn ∝ 1/k.
  const cumulative = new Float64Array(options.vocabulary.indicators.length);
  let sum = 0;
  for (let k = 0; k < cumulative.length; k++) {
    sum += 1 / (k + 1);
    cumulative[k] = sum;
  }
  for (let k = 0; k < cumulative.length; k++) cumulative[k] = cumulative[k]! / sum;

  // Distinct: a unit's projects take different names from it (projects are unique by unit and name).
  const projectNamePool = [
    ...new Set([
      ...options.vocabulary.projectNames,
      ...projectTopics.flatMap((topic) => projectActivities.map((activity) => `${topic}${activity}`)),
    ]),
  ];
  return {
    seed: options.seed,
    tables: options.tables,
    years,
    preparingYear,
    now,
    finance,
    departments,
    units,
    users: [...financeReviewers, ...reviewerOfDepartment, ...authorOfUnit, ...others],
    authorOfUnit,
    reviewerOfDepartment,
    financeReviewers,
    vocabulary: options.vocabulary,
    cumulative,
    projectNamePool,
  };
}

/** The rarest indicator name of the vocabulary (drawn into about 1% of tables): the bench searches it. */
export function rareIndicatorName(world: ScaleWorld): string {
  return world.vocabulary.indicators[world.vocabulary.indicators.length - 1]!.name;
}

/** Receives generated rows, table by table (the loader turns them into COPY lines). */
export interface RowSink {
  row(table: ScaleTableName, values: readonly unknown[]): void;
}

/** Columns of each table the generator fills, in COPY order. */
export const scaleColumns = {
  projects: ['id', 'organisation_id', 'unit', 'name', 'code', 'created_at'],
  target_tables: [
    'id',
    'project_id',
    'organisation_id',
    'import_id',
    'version',
    'status',
    'kind',
    'year',
    'unit',
    'name',
    'current_year_budget',
    'indicator_count',
    'warning_count',
    'search_text',
    // The generator computes them (derivedColumns, as a save does): COPY fills no trigger-made column here.
    'search_grams',
    'content',
    'created_by',
    'created_at',
    'updated_at',
    'review_findings',
  ],
  table_versions: ['table_id', 'version', 'content', 'status', 'saved_at', 'saved_by', 'reason'],
  indicators: [...indicatorColumns],
  workflow_events: [
    'id',
    'table_id',
    'action',
    'from_status',
    'to_status',
    'from_version',
    'to_version',
    'actor_id',
    'actor_name',
    'comment',
    'reason',
    'created_at',
  ],
  reviews: [
    'id',
    'table_id',
    'version',
    'stage',
    'completeness',
    'relevance',
    'appropriateness',
    'feasibility',
    'overall',
    'decision',
    'summary',
    'reviewer_id',
    'reviewer_name',
    'created_at',
  ],
  review_comments: [
    'id',
    'review_id',
    'table_id',
    'version',
    'position',
    'path',
    'indicator_index',
    'text',
    'author_id',
    'author_name',
    'created_at',
    'indicator_level1',
    'indicator_level2',
    'indicator_name',
  ],
  monitoring_reports: [
    'table_id',
    'cut_off_month',
    'table_version',
    'scheme_id',
    'report',
    'light',
    'risk',
    'updated_by',
    'updated_at',
    'missing_measures',
  ],
  self_evaluations: [
    'table_id',
    'table_version',
    'scheme_id',
    'entry',
    'total',
    'grade',
    'complete',
    'updated_by',
    'updated_at',
  ],
  audit_log: ['at', 'actor', 'action', 'entity', 'entity_id', 'diff'],
} as const;
export type ScaleTableName = keyof typeof scaleColumns;

const day = 86_400_000;
const levelOrder = ['产出', '成本', '效益', '效果', '影响', '满意'];
const levelRank = (label: string) => {
  const rank = levelOrder.findIndex((prefix) => label.startsWith(prefix) || label.includes(prefix));
  return rank === -1 ? levelOrder.length : rank;
};

const targetCache = new Map<string, Target>();
function targetFor(entry: VocabularyIndicator, year: number): Target {
  const raw = entry.target.replaceAll('{year}', String(year));
  let target = targetCache.get(raw);
  if (!target) {
    target = parseTarget(raw);
    targetCache.set(raw, target);
  }
  return target;
}

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

function drawIndex(random: () => number, cumulative: Float64Array): number {
  const x = random();
  let low = 0;
  let high = cumulative.length - 1;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (cumulative[mid]! < x) low = mid + 1;
    else high = mid;
  }
  return low;
}

/** Amounts in 元 rounded to the hundred (forms print 万元 with two decimals). */
function budgetOf(world: ScaleWorld, project: number, year: number): number {
  const random = randomFrom(mix(mix(world.seed, project), year));
  const base = Math.exp(13 + 2.2 * randomFrom(mix(world.seed, project + 0x1000_0000))());
  return Math.round((base * (0.8 + 0.4 * random())) / 100) * 100;
}

/** The final status of a table of `year`, as a province's tables are spread over the budget cycle. */
function finalStatusOf(world: ScaleWorld, year: number, x: number): TableStatus | 'adjusted' | 'republished' {
  if (year === world.preparingYear) {
    if (x < 0.3) return 'draft';
    if (x < 0.55) return 'submitted';
    if (x < 0.75) return 'department_reviewed';
    if (x < 0.85) return 'returned';
    return 'approved';
  }
  const current = year === world.preparingYear - 1;
  if (x < (current ? 0.8 : 0.88)) return 'published';
  if (x < (current ? 0.9 : 0.93)) return 'approved';
  if (x < 0.95) return 'republished';
  if (x < 0.97) return 'adjusted';
  if (x < 0.985) return 'returned';
  return current ? 'submitted' : 'draft';
}

const grades = ['优', '良', '中', '差'] as const;
const returnComments = [
  '绩效指标不够细化量化，请补充数量指标的具体数值。',
  '满意度指标目标值偏低，请参考上年实际完成情况调整。',
  '时效指标的完成时限与项目实施计划不一致。',
  '成本指标未体现预算控制要求，请补充。',
  '效益指标与项目内容关联度不高，请修改。',
  '年度目标表述过于笼统，请与绩效指标对应。',
];

interface Life {
  table: PerformanceTable;
  id: string;
  content: string;
  version: number;
  status: TableStatus;
  time: number;
}

/**
 * Generates table number `index` (0-based) of the dataset and hands every row it makes to `sink`:
 * project (with the first year's table), table, versions, indicators, workflow, reviews, monitoring,
 * self-evaluation, audit.
 */
export function generateTable(world: ScaleWorld, index: number, sink: RowSink): void {
  const random = randomFrom(mix(world.seed, index + 1));
  const nextId = idsFor(index, random);
  const yearsPerProject = world.years.length;
  const project = Math.floor(index / yearsPerProject);
  const year = world.years[index % yearsPerProject]!;
  const unitIndex = project % world.units.length;
  const unit = world.units[unitIndex]!;
  const departmentIndex = Math.floor(unitIndex / unitsPerDepartment);
  const department = world.departments[departmentIndex]!;
  const author = world.authorOfUnit[unitIndex]!;
  const reviewer = world.reviewerOfDepartment[departmentIndex]!;
  const financeReviewer = world.financeReviewers[project % world.financeReviewers.length]!;
  const projectRandom = randomFrom(mix(world.seed, project + 0x2000_0000));
  const projectId = idsFor(projectNamespace + project, projectRandom)();
  const nthOfUnit = Math.floor(project / world.units.length);
  const projectName = world.projectNamePool[(nthOfUnit * 7 + unitIndex) % world.projectNamePool.length]!;
  const code = `${String(departmentIndex + 10)}${String(unitIndex).padStart(4, '0')}${String(world.years[0]).slice(2)}R${String(project).padStart(8, '0')}`;
  const firstYear = index % yearsPerProject === 0;
  const startOfPreparation = Date.UTC(year - 1, 8, 1);
  if (firstYear) {
    sink.row('projects', [projectId, unit.id, unit.name, projectName, code, new Date(startOfPreparation)]);
  }

  // Indicators: 20–50 distinct names drawn by corpus frequency, ordered by level as forms print them.
  const wanted = 20 + Math.floor(random() * 31);
  const chosen = new Set<number>();
  for (let tries = 0; chosen.size < wanted && tries < wanted * 20; tries++) {
    chosen.add(drawIndex(random, world.cumulative));
  }
  const entries = [...chosen]
    .map((k) => world.vocabulary.indicators[k]!)
    .sort((a, b) => levelRank(a.level1) - levelRank(b.level1) || a.level2.localeCompare(b.level2));
  const indicators: Indicator[] = entries.map((entry) => {
    const target = targetFor(entry, year);
    return {
      level1: entry.level1,
      level2: entry.level2,
      name: entry.name,
      target,
      direction: target.operator === '<=' || target.operator === '<' ? '反向' : '正向',
    };
  });
  const currentYear = budgetOf(world, project, year);
  const hasPrior = year > world.years[0]!;
  const table: PerformanceTable = {
    kind: 'target',
    year,
    unit: unit.name,
    supervisingDepartment: department.name,
    name: projectName,
    code,
    category: '其他运转类项目',
    startDate: `${year}-01-01`,
    endDate: `${year}-12-31`,
    governmentProcurement: random() < 0.2,
    narrative: {
      goals: world.vocabulary.goals.length > 0 ? pick(random, world.vocabulary.goals) : null,
    },
    budget: {
      total: currentYear,
      currentYear,
      priorYearBudget: hasPrior ? budgetOf(world, project, year - 1) : null,
      priorYearExecuted: hasPrior
        ? Math.round((budgetOf(world, project, year - 1) * 0.93) / 100) * 100
        : null,
    },
    indicators,
    warnings: [],
    incomplete: false,
  };
  const derived = derivedColumns(table);
  const id = nextId();
  const life: Life = {
    table,
    id,
    content: derived.content,
    version: 1,
    status: 'draft',
    time: startOfPreparation + random() * 50 * day,
  };
  const preparing = year === world.preparingYear;
  const stepDays = preparing ? 3 : 8;
  const createdAt = life.time;
  sink.row('table_versions', [id, 1, life.content, 'draft', new Date(life.time), author.id, null]);
  sink.row('audit_log', [
    new Date(life.time),
    author.id,
    'table.create',
    'table',
    id,
    JSON.stringify({ year, unit: unit.name, name: projectName, importId: null }),
  ]);

  const advance = (days: number) => {
    life.time += (0.2 + random() * days) * day;
  };
  const edit = () => {
    advance(stepDays);
    life.version++;
    sink.row('table_versions', [
      id,
      life.version,
      life.content,
      life.status,
      new Date(life.time),
      author.id,
      null,
    ]);
    sink.row('audit_log', [
      new Date(life.time),
      author.id,
      'table.update',
      'table',
      id,
      JSON.stringify({ fromVersion: life.version - 1, toVersion: life.version, reason: null }),
    ]);
  };
  const fire = (
    action: WorkflowAction,
    to: TableStatus,
    actor: ScaleUser,
    extra: {
      reason?: string;
      stage?: 'department' | 'finance';
      decision?: 'return' | 'forward' | 'approve';
    } = {},
  ) => {
    advance(stepDays);
    const from = life.status;
    const fromVersion = life.version;
    life.version++;
    life.status = to;
    const at = new Date(life.time);
    let comment: string | null = null;
    if (extra.stage && extra.decision) {
      const reviewId = nextId();
      const overall =
        extra.decision === 'return' ? pick(random, ['中', '差'] as const) : pick(random, grades.slice(0, 3));
      const grade = () => (random() < 0.7 ? overall : pick(random, grades));
      const summary =
        extra.decision === 'return' ? '请按审核意见修改后重新报送。' : '目标明确，指标基本合理。';
      if (extra.decision === 'return') comment = summary;
      sink.row('reviews', [
        reviewId,
        id,
        fromVersion,
        extra.stage,
        grade(),
        grade(),
        grade(),
        grade(),
        overall,
        extra.decision,
        summary,
        actor.id,
        actor.displayName,
        at,
      ]);
      if (extra.decision === 'return') {
        const count = 1 + Math.floor(random() * 3);
        for (let position = 0; position < count; position++) {
          const onIndicator = random() < 0.7 && indicators.length > 0;
          const indicatorIndex = onIndicator ? Math.floor(random() * indicators.length) : null;
          const indicator = indicatorIndex === null ? null : indicators[indicatorIndex]!;
          sink.row('review_comments', [
            nextId(),
            reviewId,
            id,
            fromVersion,
            position,
            indicatorIndex === null ? 'narrative.goals' : `indicators.${indicatorIndex}.target`,
            indicatorIndex,
            pick(random, returnComments),
            actor.id,
            actor.displayName,
            at,
            indicator?.level1 ?? null,
            indicator?.level2 ?? null,
            indicator?.name ?? null,
          ]);
        }
      }
    }
    sink.row('workflow_events', [
      nextId(),
      id,
      action,
      from,
      to,
      fromVersion,
      life.version,
      actor.id,
      actor.displayName,
      comment,
      extra.reason ?? null,
      at,
    ]);
    sink.row('table_versions', [id, life.version, life.content, to, at, actor.id, extra.reason ?? null]);
    sink.row('audit_log', [
      at,
      actor.id,
      `table.${action}`,
      'table',
      id,
      JSON.stringify({
        status: { before: from, after: to },
        version: { before: fromVersion, after: life.version },
      }),
    ]);
  };
  const submitAndForward = () => {
    fire('submit', 'submitted', author);
    if (random() < 0.12) {
      fire('return', 'returned', reviewer, { stage: 'department', decision: 'return' });
      edit();
      fire('submit', 'submitted', author);
    }
    fire('forward', 'department_reviewed', reviewer, { stage: 'department', decision: 'forward' });
  };
  const approve = () => {
    submitAndForward();
    if (random() < 0.05) {
      fire('return', 'returned', financeReviewer, { stage: 'finance', decision: 'return' });
      edit();
      submitAndForward();
    }
    fire('approve', 'approved', financeReviewer, { stage: 'finance', decision: 'approve' });
  };
  const publish = () => {
    life.time = Math.max(life.time, Date.UTC(year, 0, 10) + random() * 30 * day);
    fire('publish', 'published', financeReviewer);
  };
  const adjust = () => {
    life.time = Math.max(life.time, Date.UTC(year, 4, 1) + random() * 60 * day);
    fire('adjust', 'draft', author, { reason: '年中预算调整，相应调整绩效目标。' });
  };

  const final = finalStatusOf(world, year, random());
  if (random() < 0.5) edit();
  let reportVersion: number | null = null;
  switch (final) {
    case 'draft':
      break;
    case 'submitted':
      fire('submit', 'submitted', author);
      break;
    case 'department_reviewed':
      submitAndForward();
      break;
    case 'returned':
      if (random() < 0.7) {
        fire('submit', 'submitted', author);
        fire('return', 'returned', reviewer, { stage: 'department', decision: 'return' });
      } else {
        submitAndForward();
        fire('return', 'returned', financeReviewer, { stage: 'finance', decision: 'return' });
      }
      break;
    case 'approved':
      approve();
      reportVersion = life.version;
      break;
    case 'published':
      approve();
      publish();
      reportVersion = life.version;
      break;
    case 'adjusted':
      approve();
      publish();
      reportVersion = life.version;
      adjust();
      break;
    case 'republished':
      approve();
      publish();
      adjust();
      edit();
      approve();
      publish();
      reportVersion = life.version;
      break;
  }

  sink.row('target_tables', [
    id,
    projectId,
    unit.id,
    null,
    life.version,
    life.status,
    derived.kind,
    derived.year,
    derived.unit,
    derived.name,
    derived.current_year_budget,
    derived.indicator_count,
    derived.warning_count,
    derived.search_text,
    bigramsLiteral(derived.search_grams),
    derived.content,
    author.id,
    new Date(createdAt),
    new Date(life.time),
    derived.review_findings,
  ]);
  for (const row of indicatorRows(id, table)) {
    sink.row('indicators', [
      row.table_id,
      row.position,
      row.level1,
      row.level2,
      row.name,
      row.target_raw,
      row.target_kind,
      row.operator,
      row.value,
      row.unit,
      row.direction,
      row.weight,
    ]);
  }

  // Mid-year monitoring (July) of approved tables of the executed years, most of them reported.
  const executed = year < world.preparingYear;
  if (reportVersion !== null && executed && random() < (year === world.preparingYear - 1 ? 0.7 : 0.85)) {
    monitor(world, table, id, reportVersion, author, random, sink);
  }
  // Year-end self-evaluation of the closed years' approved tables.
  if (reportVersion !== null && year < world.preparingYear - 1 && random() < 0.8) {
    selfEvaluate(table, id, reportVersion, author, random, sink);
  }
}

function formatAmount(value: number, unit: string | null): string {
  const rounded = Math.abs(value) >= 100 ? Math.round(value) : Math.round(value * 10) / 10;
  return `${rounded}${unit ?? ''}`;
}

function monitor(
  world: ScaleWorld,
  table: PerformanceTable,
  id: string,
  version: number,
  author: ScaleUser,
  random: () => number,
  sink: RowSink,
): void {
  const cutOffMonth = DEFAULT_MONITORING_SCHEME.cutOffMonth;
  const annual = table.budget.currentYear ?? null;
  const rate = Math.min(1, Math.max(0.1, 0.62 + (random() - 0.5) * 0.4));
  const slow = rate < 0.48;
  // Most projects run to plan; one in six has one to three indicators lagging behind it.
  const lagging = new Set<number>();
  if (random() < 1 / 6) {
    const count = 1 + Math.floor(random() * 3);
    for (let i = 0; i < count; i++) lagging.add(Math.floor(random() * table.indicators.length));
  }
  const plan = cutOffMonth / 12;
  const indicators: IndicatorProgress[] = table.indicators.map((indicator, index) => {
    const target = indicator.target;
    if (target.kind === 'quantitative' && target.value !== null) {
      const behind = lagging.has(index);
      let value: number;
      if (target.unit !== null && DEFAULT_MONITORING_SCHEME.levelUnits.includes(target.unit)) {
        // Rates and scores are compared with the target itself, not with a share of the year.
        const reverse = indicator.direction === '反向';
        value = target.value * (behind ? (reverse ? 1.4 : 0.5) + random() * 0.25 : 0.95 + random() * 0.05);
        if (target.unit === '%' && target.value <= 100) value = Math.min(100, value);
      } else if (indicator.direction === '反向') {
        value = target.value * plan * (behind ? 1.4 + random() * 0.4 : 0.85 + random() * 0.15);
      } else {
        value = target.value * plan * (behind ? 0.3 + random() * 0.25 : 0.95 + random() * 0.2);
      }
      return {
        index,
        value: formatAmount(value, target.unit),
        deviation: behind
          ? {
              cause: pick(random, ['经费', '制度', '人员', '硬件', '其他'] as const),
              likelihood: '有可能',
              measure: '加快实施进度，按月跟踪。',
            }
          : null,
      };
    }
    return { index, value: null, judgement: lagging.has(index) ? '部分达成' : '达成', note: '按计划推进' };
  });
  const report: MonitoringReport = {
    cutOffMonth,
    budget: {
      annual,
      executed: annual === null ? null : Math.round((annual * rate) / 100) * 100,
      deviation: slow ? { cause: '经费', likelihood: '有可能', measure: '督促加快支付进度。' } : null,
    },
    indicators,
  };
  const assessment = assessMonitoring(table, report, DEFAULT_MONITORING_SCHEME);
  const at = new Date(Date.UTC(table.year, cutOffMonth, 1) + random() * 20 * day);
  if (at > world.now) return;
  sink.row('monitoring_reports', [
    id,
    cutOffMonth,
    version,
    DEFAULT_MONITORING_SCHEME.id,
    JSON.stringify(report),
    assessment.light,
    assessment.risk,
    author.id,
    at,
    missingMeasureCount(assessment),
  ]);
  sink.row('audit_log', [
    at,
    author.id,
    'monitoring.save',
    'table',
    id,
    JSON.stringify({ cutOffMonth, light: assessment.light }),
  ]);
}

const scheme = getScoringScheme('national-2020');

function selfEvaluate(
  table: PerformanceTable,
  id: string,
  version: number,
  author: ScaleUser,
  random: () => number,
  sink: RowSink,
): void {
  const adjusted = table.budget.currentYear ?? null;
  const actuals: IndicatorActual[] = table.indicators.map((indicator, index) => {
    const target = indicator.target;
    if (target.kind === 'quantitative' && target.value !== null) {
      const factor = random() < 0.85 ? 1 + random() * 0.08 : 0.7 + random() * 0.3;
      const value = indicator.direction === '反向' ? target.value / factor : target.value * factor;
      return {
        index,
        actual: formatAmount(target.unit === '%' ? Math.min(100, value) : value, target.unit),
        applicable: true,
      };
    }
    return { index, actual: '达成', applicable: true };
  });
  const entry: SelfEvaluationEntry = {
    schemeId: scheme.id,
    budget: {
      adjusted,
      executed: adjusted === null ? null : Math.round((adjusted * (0.85 + random() * 0.15)) / 100) * 100,
    },
    indicators: actuals,
    adjustments: [],
    goalCompletion: '年度绩效目标基本完成。',
  };
  // Indicators that arithmetic cannot score get the reviewer-style grade, inside the 达成 band; a few
  // evaluations are left unfinished.
  const first = scoreSelfEvaluation(table, entry, scheme);
  let graded = false;
  if (random() < 0.9) {
    for (const line of first.indicators) {
      if (line.status !== 'needs_grade' || line.indicatorIndex === null) continue;
      const actual = actuals[line.indicatorIndex]!;
      actual.grade = { band: '达成', score: Math.round(line.weight * 90) / 100 };
      graded = true;
    }
  }
  const score = graded ? scoreSelfEvaluation(table, entry, scheme) : first;
  const at = new Date(Date.UTC(table.year + 1, 2, 1) + random() * 40 * day);
  sink.row('self_evaluations', [
    id,
    version,
    scheme.id,
    JSON.stringify(entry),
    score.total,
    score.grade,
    score.complete,
    author.id,
    at,
  ]);
  sink.row('audit_log', [
    at,
    author.id,
    'self_evaluation.save',
    'table',
    id,
    JSON.stringify({ total: score.total, grade: score.grade }),
  ]);
}
