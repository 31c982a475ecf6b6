import type { CommonIndicator, Framework } from '../../frameworks/framework.schema.ts';
import { normaliseName, printedCategory } from '../../frameworks/framework-match.ts';
import type { Narrative } from '../../tables/table.schema.ts';
import { isBoilerplateNarrative } from '../indicator-words.ts';
import type { Rule, RuleHit } from '../rule.ts';

const fieldNames: Record<string, readonly [string, string]> = {
  unit: ['申报单位名称', 'applying unit'],
  name: ['项目名称', 'project name'],
  category: ['项目类别', 'project category'],
  startDate: ['计划开始日期', 'planned start date'],
  endDate: ['计划完成日期', 'planned end date'],
  performanceType: ['绩效类型', 'performance type'],
  total: ['项目总预算', 'total budget'],
  currentYear: ['项目当年预算', 'budget of the year'],
};

export const narrativeNames: Record<keyof Narrative, readonly [string, string]> = {
  overview: ['项目概况', 'project overview'],
  basis: ['立项依据', 'legal basis'],
  necessity: ['项目设立的必要性', 'necessity'],
  safeguards: ['保证项目实施的制度、措施', 'safeguards'],
  plan: ['项目实施计划', 'implementation plan'],
  goals: ['总目标及阶段性目标', 'overall and stage goals'],
};

function blank(value: string | null | undefined): boolean {
  return value === null || value === undefined || value.trim() === '';
}

/** C01: header fields the rule set requires are filled in. */
export const requiredFieldsRule: Rule = {
  code: 'C01',
  category: 'completeness',
  needsWholeTable: true,
  severity: 'error',
  zh: '必填表头字段（单位、项目名称、类别、起止日期等）已填写',
  en: 'Required header fields (unit, project name, category, dates …) are filled in',
  check({ table, params }) {
    return params.requiredFields
      .filter((field) => blank(table[field]))
      .map((field) => {
        const [zh, en] = fieldNames[field] ?? [field, field];
        return { zh: `未填写「${zh}」：请补充。`, en: `The ${en} is missing: fill it in.`, path: field };
      });
  },
};

/** C02: the budget figures the rule set requires are present. */
export const requiredBudgetRule: Rule = {
  code: 'C02',
  category: 'completeness',
  needsWholeTable: true,
  severity: 'error',
  zh: '项目总预算和当年预算已填写',
  en: 'Total budget and budget of the year are filled in',
  check({ table, params }) {
    return params.requiredBudget
      .filter((field) => table.budget[field] === null || table.budget[field] === undefined)
      .map((field) => {
        const [zh, en] = fieldNames[field] ?? [field, field];
        return {
          zh: `未填写「${zh}（元）」：请按预算填报金额。`,
          en: `The ${en} (yuan) is missing: enter the amount from the budget.`,
          path: `budget.${field}`,
        };
      });
  },
};

/** C03: the narratives the rule set requires are not empty. */
export const requiredNarrativesRule: Rule = {
  code: 'C03',
  category: 'completeness',
  needsWholeTable: true,
  severity: 'error',
  zh: '必填的文字说明（项目概况、立项依据、实施计划、目标等）不为空',
  en: 'Required narratives (overview, basis, plan, goals …) are not empty',
  check({ table, params }) {
    return params.requiredNarratives
      .filter((field) => blank(table.narrative[field]))
      .map((field) => {
        const [zh, en] = narrativeNames[field];
        return {
          zh: `「${zh}」为空：请写明具体内容。`,
          en: `The ${en} is empty: describe it.`,
          path: `narrative.${field}`,
        };
      });
  },
};

/** C04: narratives say something (not 无, 略, 见附件, 按计划执行). */
export const boilerplateNarrativesRule: Rule = {
  code: 'C04',
  category: 'completeness',
  severity: 'warning',
  zh: '文字说明不是套话（如“无”“见附件”“按照计划执行”）',
  en: 'Narratives are not boilerplate ("none", "see attachment", "carried out as planned")',
  check({ table }) {
    const hits: RuleHit[] = [];
    for (const field of Object.keys(narrativeNames) as (keyof Narrative)[]) {
      const text = table.narrative[field];
      if (blank(text) || !isBoilerplateNarrative(text ?? '')) continue;
      const [zh, en] = narrativeNames[field];
      hits.push({
        zh: `「${zh}」只有套话（“${text?.trim()}”）：请写明具体的内容、步骤、时间节点或措施。`,
        en: `The ${en} is boilerplate ("${text?.trim()}"): state the concrete content, steps, dates or measures.`,
        path: `narrative.${field}`,
      });
    }
    return hits;
  },
};

/**
 * A level-1 category as the author sees it: the label the table printed for it (产出目标 in one table,
 * 产出指标 in another), else as the framework's form prints it. Messages quote the form's words, never
 * the framework's bare category (产出).
 */
function tableLabel(
  inside: readonly { indicator: { level1: string | null } }[],
  framework: Framework,
  name: string,
): string {
  const printed = inside.find((f) => f.indicator.level1?.trim())?.indicator.level1?.trim();
  // Without its weight: 产出指标(50分) is quoted as 产出指标.
  const bare = printed?.replace(/\s+/g, '').replace(/[(（][^()（）]*[)）]分?$/, '');
  return bare || printedCategory(framework, 1, name);
}

/** C05: every level-1 category the framework requires has at least one indicator. */
export const requiredLevel1Rule: Rule = {
  code: 'C05',
  category: 'completeness',
  needsWholeTable: true,
  severity: 'error',
  zh: '指标体系要求的每个一级指标都已设置',
  en: 'Every level-1 category the framework requires is present',
  check({ params, byLevel1 }) {
    return params.framework.level1
      .filter((c) => c.required && !byLevel1.has(c.name))
      .map((c) => ({
        zh: `缺少一级指标「${printedCategory(params.framework, 1, c.name)}」：请按指标体系补充该类指标。`,
        en: `Level-1 category "${printedCategory(params.framework, 1, c.name)}" is missing: add indicators of that category as the framework requires.`,
        path: 'indicators',
      }));
  },
};

/** C06: inside each present level-1 category, the required level-2 categories are present. */
export const requiredLevel2Rule: Rule = {
  code: 'C06',
  category: 'completeness',
  needsWholeTable: true,
  severity: 'warning',
  zh: '一级指标下应有的二级指标（如数量、质量、时效；效益、满意度）都已设置',
  en: 'Required level-2 categories (quantity, quality, timeliness; benefit, satisfaction) are present',
  check({ params, byLevel1 }) {
    const hits: RuleHit[] = [];
    for (const level1 of params.framework.level1) {
      const inside = byLevel1.get(level1.name);
      if (!inside || level1.requiredLevel2.length === 0) continue;
      const level2 = new Set(inside.map((f) => f.place.level2?.name));
      for (const group of level1.requiredLevel2) {
        if (group.some((name) => level2.has(name))) continue;
        const names = group.map((name) => printedCategory(params.framework, 2, name)).join('/');
        hits.push({
          zh: `一级指标「${tableLabel(inside, params.framework, level1.name)}」下缺少二级指标「${names}」：请补充相应指标。`,
          en: `Level-1 category "${tableLabel(inside, params.framework, level1.name)}" has no "${names}" indicator: add one.`,
          path: `indicators.${inside[0]?.index ?? 0}`,
          indicatorIndex: inside[0]?.index ?? 0,
        });
      }
    }
    return hits;
  },
};

/** C07: a level-1 category that must be measurable has at least one numeric target. */
export const quantifiedLevelRule: Rule = {
  code: 'C07',
  category: 'completeness',
  needsWholeTable: true,
  severity: 'warning',
  zh: '要求量化的一级指标下至少有一个定量指标',
  en: 'Level-1 categories that must be measurable have at least one quantified indicator',
  check({ params, byLevel1 }) {
    const hits: RuleHit[] = [];
    for (const level1 of params.framework.level1) {
      if (!level1.expectsQuantified) continue;
      const inside = byLevel1.get(level1.name);
      if (!inside || inside.some((f) => f.indicator.target.kind === 'quantitative')) continue;
      const first = inside[0]?.index ?? 0;
      hits.push({
        zh: `一级指标「${tableLabel(inside, params.framework, level1.name)}」下没有定量指标：请至少设置一个有数值和单位的指标。`,
        en: `Level-1 category "${tableLabel(inside, params.framework, level1.name)}" has no quantified indicator: set at least one with a number and unit.`,
        path: `indicators.${first}`,
        indicatorIndex: first,
      });
    }
    return hits;
  },
};

/** C08: the indicators every project of the region carries are all present. */
export const commonIndicatorsRule: Rule = {
  code: 'C08',
  category: 'completeness',
  needsWholeTable: true,
  severity: 'warning',
  zh: '本地区所有项目共有的指标（如上海“投入与管理”九项）已全部设置',
  en: "The region's common indicators (Shanghai's nine input-and-management indicators) are all present",
  check({ params, indicators }) {
    const common = params.framework.commonIndicators;
    if (common.length === 0) return [];
    const present = new Set(indicators.map((f) => f.key));
    return common
      .filter((c) => !present.has(commonKey(c)))
      .map((c) => ({
        zh: `缺少共性指标「${c.level1}/${c.level2}/${c.name}」：请按模板补充。`,
        en: `Common indicator "${c.level1}/${c.level2}/${c.name}" is missing: add it as the template requires.`,
        path: 'indicators',
      }));
  },
};

// Common indicator names reduced once, not once per table.
const commonKeys = new WeakMap<CommonIndicator, string>();
function commonKey(c: CommonIndicator): string {
  let key = commonKeys.get(c);
  if (key === undefined) {
    key = normaliseName(c.name);
    commonKeys.set(c, key);
  }
  return key;
}

/** C09: a table has indicators at all. */
export const noIndicatorsRule: Rule = {
  code: 'C09',
  category: 'completeness',
  needsWholeTable: true,
  severity: 'error',
  zh: '表中至少有一个绩效指标',
  en: 'The table has at least one indicator',
  check({ table }) {
    if (table.indicators.length > 0) return [];
    return [
      {
        zh: '表中没有任何绩效指标：请按指标体系设置产出、效益（效果）和满意度指标。',
        en: 'The table has no indicators: add output, benefit and satisfaction indicators as the framework requires.',
        path: 'indicators',
      },
    ];
  },
};

/** C10: every indicator has a target value. */
export const missingTargetRule: Rule = {
  code: 'C10',
  category: 'completeness',
  severity: 'error',
  zh: '每个指标都填写了目标值',
  en: 'Every indicator has a target value',
  check({ indicators }) {
    return indicators
      .filter((f) => f.indicator.target.kind === 'missing')
      .map((f) => ({
        zh: `指标「${f.indicator.name}」没有目标值：请填写可衡量的目标值（如 ≥95%、≥2000人）。`,
        en: `Indicator "${f.indicator.name}" has no target: enter a measurable one (e.g. >=95%, >=2000 people).`,
        path: `indicators.${f.index}.target`,
        indicatorIndex: f.index,
      }));
  },
};

/** C11: output indicators say what this project delivers, not only 项目完成率 and the like. */
export const genericOutputsRule: Rule = {
  code: 'C11',
  category: 'completeness',
  needsWholeTable: true,
  severity: 'warning',
  zh: '产出指标不全是“项目完成率”“项目完成及时性”之类的通用指标',
  en: 'Output indicators are not all generic ("project completion rate", "timeliness of completion")',
  check({ indicators }) {
    const outputs = indicators.filter((f) => f.place.level1?.role === 'output');
    if (outputs.length === 0 || !outputs.every((f) => f.genericOutput)) return [];
    const first = outputs[0]?.index ?? 0;
    const names = outputs.map((f) => f.indicator.name).join('、');
    return [
      {
        zh: `产出指标（${names}）都是适用于任何项目的通用指标：请改为本项目具体的产出，如完成的活动场次、服务人次、交付成果的数量和质量标准。`,
        en: `The output indicators (${names}) are generic and fit any project: state this project's own outputs, such as events held, people served, deliverables and their quality standard.`,
        path: `indicators.${first}.name`,
        indicatorIndex: first,
      },
    ];
  },
};

/** C12: level-1 labels belong to the framework of the rule set. */
export const unknownLevel1Rule: Rule = {
  code: 'C12',
  category: 'completeness',
  severity: 'warning',
  zh: '一级指标名称属于所选指标体系',
  en: "Level-1 labels belong to the rule set's framework",
  check({ params, indicators }) {
    const seen = new Set<string>();
    const hits: RuleHit[] = [];
    // As the form prints them (产出目标), not the framework's bare categories (产出).
    const expected = params.framework.level1
      .map((c) => printedCategory(params.framework, 1, c.name))
      .join('、');
    for (const f of indicators) {
      const label = f.indicator.level1?.trim();
      if (!label || f.place.level1 !== null || seen.has(label)) continue;
      seen.add(label);
      hits.push({
        zh: `一级指标「${label}」不在指标体系中（应为：${expected}）：请改用体系内的名称，或换用对应地区和年度的规则集。`,
        en: `Level-1 label "${label}" is not in the framework (expected: ${expected}): use a framework label or pick the rule set of the right region and year.`,
        path: `indicators.${f.index}.level1`,
        indicatorIndex: f.index,
      });
    }
    return hits;
  },
};

export const completenessRules: readonly Rule[] = [
  requiredFieldsRule,
  requiredBudgetRule,
  requiredNarrativesRule,
  boilerplateNarrativesRule,
  requiredLevel1Rule,
  requiredLevel2Rule,
  quantifiedLevelRule,
  commonIndicatorsRule,
  noIndicatorsRule,
  missingTargetRule,
  genericOutputsRule,
  unknownLevel1Rule,
];
