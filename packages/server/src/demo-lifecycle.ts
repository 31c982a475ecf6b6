import type { SessionUser } from '@jixiao/core/accounts/account.schema';
import { can, organisationPath } from '@jixiao/core/accounts/policies';
import { AppError } from '@jixiao/core/errors/app-error';
import type { MonitoringReport } from '@jixiao/core/monitoring/monitoring.schema';
import type { ReviewCreate } from '@jixiao/core/review-records/review-record.schema';
import { scoreSelfEvaluation } from '@jixiao/core/scoring/score-self-evaluation';
import { DEFAULT_SCORING_SCHEME_ID, getScoringScheme } from '@jixiao/core/scoring/scoring-schemes';
import type { SelfEvaluationEntry, SelfEvaluationScore } from '@jixiao/core/scoring/self-evaluation.schema';
import type { TableRecord } from '@jixiao/core/tables/table-record.schema';
import { listOrganisations, toSessionUser } from '@jixiao/db/accounts.repository';
import { demoUsers } from '@jixiao/db/accounts-demo';
import type { AuditActor } from '@jixiao/db/audit.repository';
import type { Database } from '@jixiao/db/database';
import { firstDraftNamed } from '@jixiao/db/demo-tables.repository';
import { createTableRepository } from '@jixiao/db/tables.repository';
import type { Caller } from './auth/caller.ts';
import { runDemoEvidence } from './demo-evidence.ts';
import { recordDemoSelfEvaluation } from './demo-self-evaluation.ts';
import { recordMonitoringReport } from './use-cases/monitoring.ts';
import { fireTransition, submitReview } from './use-cases/workflow.ts';

// The demo's tables would all be drafts, leaving the public portal, the review queues, the monitoring
// overview and the score view empty. This moves the seed's three tables through their life with the same
// repository functions and core checks the API uses (machine, policies, review validation, audit rows),
// acting as the demo users, so a first start shows every stage.

/** Where the demo puts each seed table (by its name in fixtures/seed.txt). */
export const demoSeedTables = {
  published: '科创中心建设工作经费',
  inFinanceQueue: '科创中心展厅运营经费',
  returned: '未来公园展厅运营经费',
} as const;

/** The seed tables' unit: the demo author's organisation. */
const SEED_UNIT = '上海推进科技创新中心建设办公室';
const ADDRESS = 'demo-data';

export interface DemoLifecycleResult {
  /** Table name → status reached. */
  moved: Record<string, string>;
  skipped: { table: string; reason: string }[];
}

function demoUser(username: string): SessionUser {
  const user = demoUsers.find((u) => u.username === username);
  if (!user) throw new Error(`No demo user ${username}`);
  return toSessionUser(user);
}

const actor = (user: SessionUser): Caller => ({ user, address: ADDRESS });
const auditActor = (user: SessionUser): AuditActor => ({ userId: user.id, address: ADDRESS });

/** The first-imported table of the seed unit with this name (the seed comes before the corpus). */
function seedTableId(db: Database, name: string): Promise<string | null> {
  return firstDraftNamed(db, name, SEED_UNIT);
}

async function versionOf(db: Database, id: string): Promise<number> {
  return (await createTableRepository(db).get(id)).version;
}

/** The index of the first indicator whose name starts with `name` (seed names are stable). */
function indicatorIndex(record: TableRecord, name: string): number {
  const index = record.table.indicators.findIndex((i) => i.name.startsWith(name));
  if (index < 0) throw new Error(`Indicator ${name} not in ${record.table.name}`);
  return index;
}

/** Refuses what the API would refuse: progress and actuals only by a user `table.report` allows. */
async function assertMayReport(db: Database, user: SessionUser, record: TableRecord): Promise<void> {
  const organisations = await listOrganisations(db);
  const resource = {
    status: record.status,
    organisationPath: organisationPath(record.organisationId, organisations),
  };
  if (!can(user, 'table.report', resource)) {
    throw new AppError(
      'demo.forbidden',
      '演示用户无权填报此表',
      'The demo user may not report on this table',
    );
  }
}

async function submit(db: Database, id: string, author: SessionUser): Promise<void> {
  await fireTransition(db, id, { action: 'submit', expectedVersion: await versionOf(db, id) }, actor(author));
}

/** `reviewer`'s review of the table's current version. */
async function review(
  db: Database,
  id: string,
  reviewer: SessionUser,
  decision: Omit<ReviewCreate, 'expectedVersion'>,
): Promise<void> {
  await submitReview(db, id, { expectedVersion: await versionOf(db, id), ...decision }, actor(reviewer));
}

/** July progress of 科创中心建设工作经费: on plan except the timeliness of projects (yellow, explained). */
function julyReport(record: TableRecord): MonitoringReport {
  const annual = record.table.budget.currentYear ?? record.table.budget.total ?? null;
  const values: Record<string, { value: string | null; note?: string; judgement?: '达成' }> = {
    预算编制合理性: { value: null, judgement: '达成', note: '预算按项目清单逐项测算' },
    预算执行率: { value: '100%', note: '按用款计划执行' },
    预算资金到位率: { value: '100%', note: '资金已全部到位' },
    财务管理制度健全性: { value: null, judgement: '达成', note: '财务管理办法已印发' },
    财务监控有效性: { value: null, judgement: '达成', note: '每月核对支出台账' },
    资金使用规范性: { value: null, judgement: '达成', note: '未发现违规支出' },
    项目管理制度健全性: { value: null, judgement: '达成', note: '项目管理细则已修订' },
    '资格审核（含复审）规范性': { value: null, judgement: '达成', note: '复审记录齐全' },
    信息公开实现率: { value: null, judgement: '达成', note: '已在门户网站公开' },
    项目完成率: { value: '96%' },
    项目目标实现率: { value: '95%' },
    项目对科创中心建设贡献度: { value: '85%' },
    项目执行者满意度: { value: '90%', note: '上半年问卷调查' },
    项目长效机制完备性: { value: '92%' },
  };
  const timeliness = indicatorIndex(record, '项目完成及时性');
  return {
    cutOffMonth: 7,
    budget: { annual, executed: annual === null ? null : Math.round(annual * 0.61) },
    indicators: record.table.indicators.map((indicator, index) => {
      if (index === timeliness) {
        return {
          index,
          value: '72%',
          note: '部分课题因设备到货延迟，节点有所推后',
          deviation: {
            cause: '硬件',
            causeNote: '进口实验设备到货比合同约定晚两个月',
            expectedValue: '95%',
            likelihood: '有可能',
            measure: '调整课题实施节点，按月跟踪设备安装进度，三季度末前完成滞后节点',
          },
        };
      }
      const entry = values[indicator.name] ?? { value: null };
      return { index, value: entry.value, note: entry.note ?? null, judgement: entry.judgement ?? null };
    }),
  };
}

/** Year-end actuals of 科创中心建设工作经费: all met except the timeliness of projects (reason given). */
function yearEndEntry(record: TableRecord): SelfEvaluationEntry {
  const adjusted = record.table.budget.currentYear ?? record.table.budget.total ?? null;
  const timeliness = indicatorIndex(record, '项目完成及时性');
  return {
    schemeId: DEFAULT_SCORING_SCHEME_ID,
    budget: { adjusted, executed: adjusted === null ? null : Math.round(adjusted * 0.97), reason: null },
    indicators: record.table.indicators.map((indicator, index) => {
      if (index === timeliness) {
        return {
          index,
          actual: '88%',
          applicable: true,
          reason: '进口实验设备到货延迟，两项课题验收推迟至次年一季度',
          measure: '设备采购提前至上年四季度启动，合同中约定到货违约责任',
        };
      }
      const target = indicator.target;
      const actual =
        target.kind === 'quantitative' && target.value !== null
          ? `${Math.max(target.value, target.unit === '%' ? Math.min(100, target.value + 2) : target.value)}${target.unit ?? ''}`
          : (target.raw ?? '达成');
      return { index, actual, applicable: true };
    }),
    adjustments: [],
    goalCompletion: '年度总体目标基本完成：科创中心建设各项工作按计划推进，仅部分课题因设备到货延迟顺延。',
  };
}

/**
 * Gives the qualitative indicators (合理, 健全, 规范 …) the grade 达成 with full points, as the author does
 * in the self-evaluation form; the points each row is worth come from the scheme's own scoring.
 */
function gradeQualitative(
  entry: SelfEvaluationEntry,
  score: (entry: SelfEvaluationEntry) => SelfEvaluationScore,
): SelfEvaluationEntry {
  const lines = score(entry).indicators;
  return {
    ...entry,
    indicators: entry.indicators.map((actual) => {
      const line = lines.find((l) => l.indicatorIndex === actual.index);
      return line?.status === 'needs_grade'
        ? { ...actual, grade: { band: '达成', score: line.weight } }
        : actual;
    }),
  };
}

/**
 * Moves the seed's three tables through their life on first start, as the demo users: the first
 * published with reviews, a July monitoring report and a self-evaluation; the second waiting for finance;
 * the third returned with comments. A table that is missing or refused is skipped and reported.
 */
export async function runDemoLifecycle(
  db: Database,
  log: (message: string) => void = () => undefined,
): Promise<DemoLifecycleResult> {
  const author = demoUser('author');
  const dept = demoUser('dept');
  const finance = demoUser('finance');
  const store = createTableRepository(db);
  const result: DemoLifecycleResult = { moved: {}, skipped: [] };

  const steps: [string, (id: string) => Promise<void>][] = [
    [
      demoSeedTables.published,
      async (id) => {
        await submit(db, id, author);
        await review(db, id, dept, {
          criteria: { completeness: '优', relevance: '良', appropriateness: '良', feasibility: '良' },
          overall: '良',
          decision: 'forward',
          summary: '目标与项目内容相符，同意转报财政。',
          comments: [{ path: 'narrative.goals', text: '年度目标可补充阶段性节点，便于运行监控。' }],
        });
        const record = await store.get(id);
        await review(db, id, finance, {
          criteria: { completeness: '良', relevance: '优', appropriateness: '良', feasibility: '良' },
          overall: '良',
          decision: 'approve',
          summary: '指标较完整，同意批复；执行中请关注项目完成及时性。',
          comments: [
            {
              path: `indicators.${indicatorIndex(record, '项目对科创中心建设贡献度')}.target`,
              text: '“贡献度”的测算口径请在自评时说明。',
            },
          ],
        });
        await fireTransition(
          db,
          id,
          { action: 'publish', expectedVersion: await versionOf(db, id) },
          actor(finance),
        );
        const published = await store.get(id);
        await assertMayReport(db, author, published);
        const report = julyReport(published);
        await recordMonitoringReport(db, published, report, auditActor(author));
        const scheme = getScoringScheme(DEFAULT_SCORING_SCHEME_ID);
        const entry = gradeQualitative(yearEndEntry(published), (e) =>
          scoreSelfEvaluation(published.table, e, scheme),
        );
        const score = await recordDemoSelfEvaluation(db, published, entry, auditActor(author));
        // Its missed timeliness target: a 整改 task answered with a PDF report, closed by finance.
        await runDemoEvidence(db, published, score, { author, finance });
      },
    ],
    [
      demoSeedTables.inFinanceQueue,
      async (id) => {
        await submit(db, id, author);
        await review(db, id, dept, {
          criteria: { completeness: '良', relevance: '良', appropriateness: '良', feasibility: '优' },
          overall: '良',
          decision: 'forward',
          summary: '展厅运营目标明确，同意转报财政审核。',
          comments: [],
        });
      },
    ],
    [
      demoSeedTables.returned,
      async (id) => {
        await submit(db, id, author);
        const record = await store.get(id);
        const fame = indicatorIndex(record, '提升园区科创成果知名度');
        const disclosure = indicatorIndex(record, '信息公开实现率');
        await review(db, id, dept, {
          criteria: { completeness: '良', relevance: '良', appropriateness: '中', feasibility: '中' },
          overall: '中',
          decision: 'return',
          summary: '部分指标名称与指标值不一致、口径不清，请修改后重新报送。',
          comments: [
            {
              path: `indicators.${fame}.name`,
              text: '指标名称中写了“20%”，指标值却是“≥10%”：请统一，并说明知名度如何测量（如媒体报道数、问卷）。',
            },
            {
              path: `indicators.${disclosure}.target`,
              text: '“实现率”应为百分比（如 =100%），“规范”不是可衡量的指标值。',
            },
          ],
        });
      },
    ],
  ];

  for (const [name, step] of steps) {
    try {
      const id = await seedTableId(db, name);
      if (!id) throw new Error('not imported');
      await step(id);
      result.moved[name] = (await store.get(id)).status;
      log(`demo life cycle: ${name} → ${result.moved[name]}`);
    } catch (error) {
      const reason = error instanceof AppError ? `${error.code}: ${error.en}` : String(error);
      result.skipped.push({ table: name, reason });
      log(`demo life cycle: skipped ${name} (${reason})`);
    }
  }
  return result;
}
