import { type PerformanceTable, performanceTableSchema } from '@jixiao/core/tables/table.schema';
import { demoOrganisationIds } from '@jixiao/db/accounts-demo';
import type { Database } from '@jixiao/db/database';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { demoIndicator } from './demo-rectification.ts';
import { recordRuleSetAssignment, recordRuleSetVersion } from './use-cases/rule-sets.ts';

// 事前绩效评估 would gate nothing on a first start: the built-in sets ask no project for one (the thresholds
// are each region's policy). The demo publishes Shanghai's 2027 version asking every new project, and any
// project from 1000 万元, for an assessment, and gives the seed unit a new 2027 project in draft, which
// cannot be submitted until its author assesses it.

/** The demo's new project that needs an ex-ante assessment (name as stored, for tests). */
export const demoExAnteProject = '青少年科创实验室建设';
export const demoExAnteYear = 2027;

function laboratoryTable(): PerformanceTable {
  const row = demoIndicator;
  return performanceTableSchema.parse({
    year: demoExAnteYear,
    unit: '上海推进科技创新中心建设办公室',
    name: demoExAnteProject,
    category: '一次性项目',
    startDate: `${demoExAnteYear}-01-01`,
    endDate: `${demoExAnteYear}-12-31`,
    narrative: {
      overview: '在 10 所中学建设青少年科创实验室，配置实验设备并培训指导教师，项目预算 380 万元。',
      basis: '《上海市科学技术普及条例》',
      necessity: '中学缺少开展科创实践的场地和设备，学生参与科创活动的机会不足。',
      safeguards: '执行本单位财务管理办法和政府采购规定，设备采购经集体决策。',
      plan: '1-3月完成选址和方案，4-8月采购安装设备，9-12月培训教师并投入使用。',
      goals: '年内建成 10 个科创实验室，培训指导教师 50 名，学生满意度达到 90% 以上。',
    },
    // A new project: no 同名项目上年预算额.
    budget: { total: 3_800_000, currentYear: 3_800_000 },
    indicators: [
      row('投入与管理', '投入管理', '预算编制合理性', '合理'),
      row('投入与管理', '投入管理', '预算执行率', '=100%'),
      row('投入与管理', '投入管理', '预算资金到位率', '=100%'),
      row('投入与管理', '财务管理', '财务管理制度健全性', '健全'),
      row('投入与管理', '财务管理', '资金使用规范性', '规范'),
      row('投入与管理', '实施管理', '项目管理制度健全性', '健全'),
      row('投入与管理', '实施管理', '信息公开实现率', '=100%'),
      row('产出目标', '数量', '建成科创实验室数量', '>=10个'),
      row('产出目标', '质量', '设备验收合格率', '=100%'),
      row('产出目标', '时效', '实验室投入使用时间', `${demoExAnteYear}年12月31日前`),
      row('效果目标', '社会效益', '参与科创实践学生人次', '>=3000人次'),
      row('效果目标', '满意度', '学生满意度', '>=90%'),
      row('影响力目标', '长效管理', '实验室运行管理制度健全性', '健全'),
    ],
  });
}

/** Publishes and assigns the 2027 set, stores the new project in draft; returns the tables stored. */
export async function runDemoExAnte(db: Database, log: (message: string) => void = () => undefined) {
  const actor = { userId: null, address: 'demo-data' };
  await recordRuleSetVersion(db, actor, {
    id: 'shanghai-2027',
    baseId: 'shanghai-2020',
    prefix: 'SH2027',
    region: '上海市',
    year: demoExAnteYear,
    zh: '上海市 2027 年项目支出绩效目标审核规则（含事前绩效评估）',
    en: 'Shanghai 2027 project target review rules, with ex-ante assessment',
    rules: [],
    params: { exAnteNewProjectMin: 0, exAnteAnyProjectMin: 10_000_000 },
  });
  await recordRuleSetAssignment(db, actor, {
    region: '上海市',
    year: demoExAnteYear,
    ruleSetId: 'shanghai-2027',
  });
  await createTableRepository(db).create(laboratoryTable(), actor, {
    organisationId: demoOrganisationIds.seedUnit,
  });
  log(`demo 事前评估: shanghai-2027 asks new projects; ${demoExAnteProject} ${demoExAnteYear} in draft`);
  return 1;
}
