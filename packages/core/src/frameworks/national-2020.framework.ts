import {
  type Framework,
  type FrameworkInput,
  frameworkSchema,
  type PrintedForm,
} from './framework.schema.ts';

/**
 * The 自评表's indicator grid as national practice prints it (财预〔2020〕10号 附件): 分值, annual target,
 * actual, 得分, how the score was reached, reasons and measures. No 指标方向: the target's operator says it.
 */
export const selfEvaluationColumns = [
  'level1',
  'level2',
  'name',
  'weight',
  'target',
  'actual',
  'score',
  'explanation',
  'deviationReason',
] satisfies PrintedForm['selfEvaluationColumns'];

/** The national forms' header: 主管部门 and 项目编码 above the unit, then the project as Shanghai prints it. */
const nationalForm = {
  header: [
    ['supervisingDepartment', 'code'],
    ['unit'],
    ['name', 'category'],
    ['startDate', 'endDate'],
    ['governmentProcurement', 'performanceType'],
  ],
  targetColumns: ['level1', 'level2', 'name', 'target'],
  selfEvaluationColumns,
} satisfies PrintedForm;

/** 产出 with 数量, 质量 and 时效 required, as the national framework defines it and Shanghai's follows it. */
export const output = {
  name: '产出',
  role: 'output',
  required: true,
  expectsQuantified: true,
  requiredLevel2: [['数量'], ['质量'], ['时效']],
  level2: [
    { name: '数量', role: 'quantity' },
    { name: '质量', role: 'quality' },
    { name: '时效', role: 'timeliness' },
    { name: '成本', role: 'cost' },
  ],
} satisfies FrameworkInput['level1'][number];

const benefit = {
  name: '效益',
  aliases: ['效果'],
  role: 'outcome',
  required: true,
  expectsQuantified: false,
  requiredLevel2: [['经济效益', '社会效益', '生态效益', '可持续影响']],
  level2: [
    { name: '经济效益', role: 'outcome' },
    { name: '社会效益', role: 'outcome' },
    { name: '生态效益', aliases: ['环境效益', '生态环境效益'], role: 'outcome' },
    { name: '可持续影响', aliases: ['可持续影响效益'], role: 'outcome' },
  ],
} satisfies FrameworkInput['level1'][number];

const satisfaction = {
  name: '满意度',
  aliases: ['社会公众或服务对象满意度', '服务对象满意度'],
  role: 'satisfaction',
  required: true,
  expectsQuantified: true,
  requiredLevel2: [],
  level2: [
    {
      name: '服务对象满意度',
      aliases: ['社会公众或服务对象满意度', '社会公众满意度', '满意度'],
      role: 'satisfaction',
    },
  ],
} satisfies FrameworkInput['level1'][number];

/** National framework of 财预〔2020〕10号: 产出 / 效益 / 满意度 指标 with their level-2 categories. */
export const national2020Framework: Framework = frameworkSchema.parse({
  id: 'national-2020',
  zh: '项目支出绩效目标指标体系（财预〔2020〕10号）',
  en: 'National project indicator framework (Cai Yu [2020] No. 10)',
  source: '财预〔2020〕10号',
  printed: { level1Suffix: '指标', level2Suffix: '指标' },
  level1: [output, benefit, satisfaction],
  form: nationalForm,
});

/**
 * The newer national template that puts 成本指标 at level 1 and first (经济/社会/生态环境 成本), leaving
 * 产出 with 数量/质量/时效.
 */
export const national2021CostFramework: Framework = frameworkSchema.parse({
  id: 'national-2021-cost',
  zh: '项目支出绩效目标指标体系（成本指标为一级指标）',
  en: 'National project indicator framework with cost as a level-1 category',
  source: '财预〔2021〕101号 及以后模板',
  printed: { level1Suffix: '指标', level2Suffix: '指标' },
  level1: [
    {
      name: '成本',
      role: 'cost',
      required: true,
      expectsQuantified: true,
      requiredLevel2: [['经济成本']],
      level2: [
        { name: '经济成本', role: 'cost' },
        { name: '社会成本', role: 'cost' },
        { name: '生态环境成本', aliases: ['环境成本', '生态成本'], role: 'cost' },
      ],
    },
    { ...output, level2: output.level2.filter((l) => l.role !== 'cost') },
    benefit,
    satisfaction,
  ],
  form: nationalForm,
});
