/**
 * The words of generated province data, taken from real forms: every labelled indicator row of the dev
 * corpus (../shared/corpus/dev), the probe set and the grown corpus's train split (never its frozen test
 * split), counted so that names many forms print (满意度, 完成率, 合格率 …) land in most generated tables
 * and names printed once land in few. Organisation and project names follow a province's budget units.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** Folders of labelled documents the vocabulary is built from (the test split is left out on purpose). */
export const vocabularySources = [
  join(repoRoot, '..', 'shared', 'corpus', 'dev'),
  join(repoRoot, 'packages', 'import', 'fixtures', 'probe'),
  join(repoRoot, 'packages', 'import', 'fixtures', 'corpus', 'train'),
];

/** One indicator as forms print it, with how many labelled rows carry its name. */
export interface VocabularyIndicator {
  level1: string;
  level2: string;
  name: string;
  /** The target as printed, with the form's year replaced by `{year}` where it names one. */
  target: string;
  /** Labelled rows with this name. */
  count: number;
}

export interface Vocabulary {
  /** Most frequent first. */
  indicators: VocabularyIndicator[];
  projectNames: string[];
  goals: string[];
}

interface LabelledRow {
  level1?: string | null;
  level2?: string | null;
  level3?: string | null;
  name?: string | null;
  target?: string | null;
  operator?: string | null;
  value?: number | null;
  unit?: string | null;
  kind?: string | null;
}

interface LabelledDocument {
  project?: string | null;
  annual_goal?: string | null;
  annual_goals?: unknown;
  indicators?: LabelledRow[];
}

const operatorSymbols: Record<string, string> = { '>=': '≥', '<=': '≤', '=': '=', '>': '>', '<': '<' };

/** The printed target of a labelled row: operator, value and unit when quantitative, else its words. */
function printedTarget(row: LabelledRow): string | null {
  if (row.kind === 'quantitative' && typeof row.value === 'number') {
    const op = row.operator ? (operatorSymbols[row.operator] ?? '') : '';
    return `${op}${row.value}${row.unit ?? ''}`;
  }
  const text = (row.target ?? '').replace(/\s*\|\s*/g, '').trim();
  if (!text || text === 'None' || text.length > 30) return null;
  return text.replace(/20\d\d年/g, '{year}年');
}

/** Short level labels as most forms print them (产出值 → 产出指标, 数量 → 数量指标). */
function level(label: string): string {
  const trimmed = label.replace(/等$/, '').replace(/值$/, '').trim();
  return trimmed.endsWith('指标') || trimmed.endsWith('目标') ? trimmed : `${trimmed}指标`;
}

/** Reads the labelled documents and counts their indicator names (most frequent first). */
export function loadVocabulary(sources: readonly string[] = vocabularySources): Vocabulary {
  const byName = new Map<string, VocabularyIndicator>();
  const projectNames = new Set<string>();
  const goals = new Set<string>();
  for (const folder of sources) {
    if (!existsSync(folder)) continue;
    for (const file of readdirSync(folder).filter((name) => name.endsWith('.json'))) {
      const doc = JSON.parse(readFileSync(join(folder, file), 'utf8')) as LabelledDocument;
      if (doc.project && doc.project.length <= 40) projectNames.add(doc.project.trim());
      if (typeof doc.annual_goal === 'string' && doc.annual_goal.length <= 300) goals.add(doc.annual_goal);
      for (const row of doc.indicators ?? []) {
        const name = (row.level3 ?? row.name ?? '').trim();
        const target = printedTarget(row);
        if (!name || name.length > 40 || !row.level1 || !row.level2 || !target) continue;
        const known = byName.get(name);
        if (known) known.count++;
        else
          byName.set(name, { level1: level(row.level1), level2: level(row.level2), name, target, count: 1 });
      }
    }
  }
  const indicators = [...byName.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
  if (indicators.length < 50) {
    throw new Error(
      `Too few labelled indicators for the scale vocabulary (${indicators.length}); is ../shared/corpus there?`,
    );
  }
  return { indicators, projectNames: [...projectNames], goals: [...goals] };
}

/** The province's 40 supervising departments (主管部门) under its finance bureau. */
export const departmentNames = [
  '省发展和改革委员会',
  '省教育厅',
  '省科学技术厅',
  '省工业和信息化厅',
  '省民族宗教事务委员会',
  '省公安厅',
  '省民政厅',
  '省司法厅',
  '省人力资源和社会保障厅',
  '省自然资源厅',
  '省生态环境厅',
  '省住房和城乡建设厅',
  '省交通运输厅',
  '省水利厅',
  '省农业农村厅',
  '省商务厅',
  '省文化和旅游厅',
  '省卫生健康委员会',
  '省退役军人事务厅',
  '省应急管理厅',
  '省审计厅',
  '省市场监督管理局',
  '省广播电视局',
  '省体育局',
  '省统计局',
  '省医疗保障局',
  '省林业局',
  '省粮食和物资储备局',
  '省机关事务管理局',
  '省地方金融监督管理局',
  '省能源局',
  '省药品监督管理局',
  '省知识产权局',
  '省气象局',
  '省档案馆',
  '省乡村振兴局',
  '省信访局',
  '省人民防空办公室',
  '省疾病预防控制局',
  '省中医药管理局',
];

/** Kinds of budget unit under a department (50, so 2,000 units in all). */
export const unitKinds = [
  '机关本级',
  '信息中心',
  '机关服务中心',
  '宣传教育中心',
  '培训中心',
  '研究院',
  '监测中心',
  '事务服务中心',
  '档案资料中心',
  '评审中心',
  '执法总队',
  '发展研究中心',
  '技术推广总站',
  '质量检测中心',
  '干部学校',
  '数据中心',
  '应急保障中心',
  '后勤服务中心',
  '科学研究所',
  '综合保障中心',
  '技术服务中心',
  '资金管理中心',
  '项目管理办公室',
  '标准化研究院',
  '调查总队',
  '规划设计院',
  '工程建设中心',
  '对外交流中心',
  '人才交流中心',
  '咨询服务中心',
  '审核认证中心',
  '安全监管中心',
  '物资储备站',
  '政务服务中心',
  '网络安全中心',
  '职业技术学院',
  '技能鉴定中心',
  '文献信息中心',
  '实验室管理中心',
  '巡查办公室',
  '投资评审中心',
  '电教馆',
  '学会办公室',
  '编辑部',
  '展览馆',
  '招生考试院',
  '救助管理站',
  '检验检测研究院',
  '绩效评价中心',
  '东部分中心',
];

/** What projects are about and what the money is for; a project name is one of each. */
export const projectTopics = [
  '安全生产',
  '数字政府',
  '乡村振兴',
  '生态保护',
  '公共卫生',
  '科技创新',
  '文化惠民',
  '法治宣传',
  '社会救助',
  '就业促进',
  '城乡建设',
  '交通安全',
  '水资源管理',
  '粮食安全',
  '食品药品监管',
  '应急管理',
  '档案数字化',
  '政务公开',
  '人才培养',
  '对外开放',
  '营商环境',
  '统计调查',
  '质量提升',
  '防灾减灾',
  '疫病防控',
  '森林防火',
  '职业教育',
  '基层治理',
  '老年服务',
  '残疾人服务',
  '知识产权保护',
  '信用体系',
  '能源保障',
  '气象监测',
  '文物保护',
  '体育赛事',
  '民族团结',
  '信访维稳',
  '人防工程',
  '中医药传承',
];
export const projectActivities = [
  '专项经费',
  '运行维护经费',
  '信息化建设项目',
  '设备购置项目',
  '能力建设项目',
  '宣传培训经费',
  '课题研究经费',
  '基础设施维修改造',
  '人才引进经费',
  '应急保障经费',
  '监督检查经费',
  '业务工作经费',
  '对外交流合作经费',
  '标准制定经费',
  '数据采集与统计经费',
  '系统升级改造项目',
  '公共服务购买项目',
  '专项补助资金',
  '示范项目建设',
  '平台运营经费',
];
