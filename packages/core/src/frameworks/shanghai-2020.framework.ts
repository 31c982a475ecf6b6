import { type Framework, frameworkSchema } from './framework.schema.ts';
import { output, selfEvaluationColumns } from './national-2020.framework.ts';

/**
 * Shanghai 2020 (the seed): 投入与管理 / 产出目标 / 效果目标 / 影响力目标, with the nine 投入与管理
 * indicators that every Shanghai project carries.
 */
export const shanghai2020Framework: Framework = frameworkSchema.parse({
  id: 'shanghai-2020',
  zh: '上海市项目支出绩效目标指标体系（2020）',
  en: 'Shanghai project expenditure indicator framework (2020)',
  source: '上海市财政局 项目支出绩效目标编报 (2020)',
  printed: { level1Suffix: '目标', bareLevel1: ['投入与管理'] },
  level1: [
    {
      name: '投入与管理',
      aliases: ['投入和管理', '投入'],
      role: 'input',
      required: true,
      expectsQuantified: false,
      requiredLevel2: [['投入管理'], ['财务管理'], ['实施管理']],
      level2: [
        { name: '投入管理', aliases: ['预算管理'], role: 'input' },
        { name: '财务管理', role: 'input' },
        { name: '实施管理', aliases: ['项目管理'], role: 'input' },
      ],
    },
    output,
    {
      name: '效果',
      aliases: ['效益'],
      role: 'outcome',
      required: true,
      expectsQuantified: true,
      requiredLevel2: [['经济效益', '社会效益', '环境效益', '生态效益', '可持续影响'], ['满意度']],
      level2: [
        { name: '经济效益', role: 'outcome' },
        { name: '社会效益', role: 'outcome' },
        { name: '环境效益', aliases: ['生态效益'], role: 'outcome' },
        { name: '可持续影响', role: 'outcome' },
        { name: '满意度', aliases: ['服务对象满意度', '社会公众或服务对象满意度'], role: 'satisfaction' },
      ],
    },
    {
      name: '影响力',
      role: 'impact',
      required: true,
      expectsQuantified: false,
      requiredLevel2: [],
      level2: [
        { name: '长效管理', role: 'impact' },
        { name: '人力资源', role: 'impact' },
        { name: '硬件条件', role: 'impact' },
        { name: '配套设施', role: 'impact' },
        { name: '信息共享', role: 'impact' },
        { name: '档案管理', role: 'impact' },
      ],
    },
  ],
  commonIndicators: [
    { level1: '投入与管理', level2: '投入管理', name: '预算编制合理性' },
    { level1: '投入与管理', level2: '投入管理', name: '预算执行率' },
    { level1: '投入与管理', level2: '投入管理', name: '预算资金到位率' },
    { level1: '投入与管理', level2: '财务管理', name: '财务管理制度健全性' },
    { level1: '投入与管理', level2: '财务管理', name: '财务监控有效性' },
    { level1: '投入与管理', level2: '财务管理', name: '资金使用规范性' },
    { level1: '投入与管理', level2: '实施管理', name: '项目管理制度健全性' },
    { level1: '投入与管理', level2: '实施管理', name: '资格审核（含复审）规范性' },
    { level1: '投入与管理', level2: '实施管理', name: '信息公开实现率' },
  ],
  // The seed's form: unit, project and category, dates, procurement and type (no 主管部门 or 项目编码
  // row); the grid has the three levels and the target.
  form: {
    header: [
      ['unit'],
      ['name', 'category'],
      ['startDate', 'endDate'],
      ['governmentProcurement', 'performanceType'],
    ],
    targetColumns: ['level1', 'level2', 'name', 'target'],
    selfEvaluationColumns,
  },
});
