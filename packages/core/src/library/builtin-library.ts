import { frameworks } from '../frameworks/frameworks.ts';
import {
  type LibraryEntry,
  type LibraryEntryFields,
  libraryEntryInputSchema,
} from './indicator-library.schema.ts';

// The starter library shipped with Jixiao, as data (not rows): it changes with a Jixiao release like the
// frameworks it comes from, needs no migration to correct, and every database gets the same one. An
// administrator adds entries of the region in the database (indicator_library), next to these.

/**
 * What a qualitative 投入与管理 indicator asks for is the state its name names: 预算编制合理性 → 合理,
 * 财务监控有效性 → 有效. Rates (…率) have no one right figure here, so they stay without a suggestion.
 */
function stateNamedBy(name: string): string | null {
  const match = /(合理|健全|有效|规范|完整|及时)性$/.exec(name);
  return match?.[1] ?? null;
}

/** Every framework's common indicators (Shanghai's nine 投入与管理), read from the framework data. */
function fromCommonIndicators(): LibraryEntryFields[] {
  return [...frameworks.values()].flatMap((framework) =>
    framework.commonIndicators.map((c) =>
      libraryEntryInputSchema.parse({
        frameworkId: framework.id,
        level1: c.level1,
        level2: c.level2,
        name: c.name,
        suggestedTarget: stateNamedBy(c.name),
        noteZh: `${framework.zh}规定每个项目都填报的共性指标`,
        noteEn: `A common indicator every project carries under the ${framework.en}`,
        tags: ['共性指标'],
      }),
    ),
  );
}

// A few indicators nearly every national-framework table carries, with the figure most tables print.
// Kept modest on purpose: project-specific 数量/效益 indicators belong to the region's own entries.
const nationalOutput = [
  {
    level1: '产出指标',
    level2: '质量指标',
    name: '验收合格率',
    suggestedTarget: '≥95%',
    direction: '正向',
    noteZh: '通过验收的产出数量占全部产出数量的比例',
    noteEn: 'Share of deliverables that passed acceptance',
    tags: ['通用', '验收'],
  },
  {
    level1: '产出指标',
    level2: '时效指标',
    name: '任务按期完成率',
    suggestedTarget: '≥95%',
    direction: '正向',
    noteZh: '在计划时间内完成的任务占全部任务的比例',
    noteEn: 'Share of tasks finished by the planned date',
    tags: ['通用', '进度'],
  },
] as const;

const nationalSatisfaction = [
  {
    level1: '满意度指标',
    level2: '服务对象满意度指标',
    name: '服务对象满意度',
    suggestedTarget: '≥90%',
    direction: '正向',
    noteZh: '通过问卷等方式调查的服务对象满意比例',
    noteEn: 'Share of surveyed service recipients who are satisfied',
    tags: ['通用', '满意度', '问卷'],
  },
  {
    level1: '满意度指标',
    level2: '服务对象满意度指标',
    name: '社会公众满意度',
    suggestedTarget: '≥85%',
    direction: '正向',
    noteZh: '面向社会公众调查的满意比例',
    noteEn: 'Share of the surveyed public who are satisfied',
    tags: ['通用', '满意度', '公众'],
  },
] as const;

const nationalCostInOutput = {
  level1: '产出指标',
  level2: '成本指标',
  name: '成本控制率',
  suggestedTarget: '≤100%',
  direction: '反向',
  noteZh: '实际支出占预算（或计划成本）的比例，不超过 100%',
  noteEn: 'Actual spending as a share of the budget (planned cost), at most 100%',
  tags: ['通用', '成本'],
} as const;

const economicCost = {
  level1: '成本指标',
  level2: '经济成本指标',
  name: '项目总成本',
  suggestedTarget: null,
  direction: '反向',
  noteZh: '按项目预算测算的总成本（万元），填写不超过的金额',
  noteEn: 'Total cost estimated from the project budget (10,000 yuan): enter the ceiling',
  tags: ['通用', '成本'],
} as const;

const shanghaiOutcome = [
  {
    level1: '效果目标',
    level2: '满意度',
    name: '服务对象满意度',
    suggestedTarget: '≥90%',
    direction: '正向',
    noteZh: '通过问卷等方式调查的服务对象满意比例',
    noteEn: 'Share of surveyed service recipients who are satisfied',
    tags: ['通用', '满意度', '问卷'],
  },
  {
    level1: '产出目标',
    level2: '时效',
    name: '项目完成及时性',
    suggestedTarget: '≥95%',
    direction: '正向',
    noteZh: '按计划节点完成的程度',
    noteEn: 'How far the project keeps to its planned milestones',
    tags: ['通用', '进度'],
  },
] as const;

const typed: Record<string, readonly Omit<LibraryEntryFields, 'frameworkId' | 'active'>[]> = {
  'shanghai-2020': shanghaiOutcome.map((e) => ({ ...e, tags: [...e.tags] })),
  'national-2020': [...nationalOutput, nationalCostInOutput, ...nationalSatisfaction].map((e) => ({
    ...e,
    tags: [...e.tags],
  })),
  'national-2021-cost': [economicCost, ...nationalOutput, ...nationalSatisfaction].map((e) => ({
    ...e,
    tags: [...e.tags],
  })),
};

function builtInId(entry: LibraryEntryFields): string {
  return `builtin:${entry.frameworkId}:${entry.level1}/${entry.level2}/${entry.name}`;
}

/** The built-in entries, in framework order (common indicators first, then the typical ones). */
export const builtInLibrary: readonly LibraryEntry[] = [
  ...fromCommonIndicators(),
  ...Object.entries(typed).flatMap(([frameworkId, entries]) =>
    entries.map((e) => libraryEntryInputSchema.parse({ ...e, frameworkId })),
  ),
].map((fields) => ({ ...fields, id: builtInId(fields), source: 'builtin', usedBy: 0, updatedAt: null }));
