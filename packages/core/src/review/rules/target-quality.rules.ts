import { formatTarget } from '../../targets/target-grammar.ts';
import type { IndicatorFacts, Rule, RuleHit } from '../rule.ts';

function at(f: IndicatorFacts, field: 'target' | 'name'): Pick<RuleHit, 'path' | 'indicatorIndex'> {
  return { path: `indicators.${f.index}.${field}`, indicatorIndex: f.index };
}

/** Q01: a rate, share or satisfaction indicator has a numeric target, not a word such as 规范. */
export const rateWithQualitativeTargetRule: Rule = {
  code: 'Q01',
  category: 'target-quality',
  severity: 'error',
  zh: '比率类（…率、比例、满意度）指标的目标值是数值，而不是“规范”“合理”等定性词',
  en: 'Rate, share and satisfaction indicators have a numeric target, not a word such as "compliant"',
  check({ indicators }) {
    return indicators
      .filter((f) => f.rateLike && f.indicator.target.kind === 'qualitative')
      .map((f) => ({
        zh: `指标「${f.indicator.name}」是比率类指标，目标值却是定性的「${f.indicator.target.raw.trim()}」：请填写百分比目标（如 =100%、≥95%），或把指标改为定性名称（如“…规范性”）。`,
        en: `"${f.indicator.name}" is a rate but its target is the word "${f.indicator.target.raw.trim()}": give a percentage (e.g. =100%, >=95%) or rename it as a qualitative indicator.`,
        ...at(f, 'target'),
      }));
  },
};

/** Q02: the indicator name carries no number; the number belongs in the target. */
export const numberInNameRule: Rule = {
  code: 'Q02',
  category: 'target-quality',
  severity: 'warning',
  zh: '指标名称中不含数值（数值应写在目标值里）',
  en: 'Indicator names carry no numbers (numbers belong in the target)',
  check({ indicators }) {
    const hits: RuleHit[] = [];
    for (const f of indicators) {
      const number = f.numberInName;
      if (number === null || f.placeholderInName) continue;
      const target = f.indicator.target.raw.trim();
      hits.push({
        zh: `指标名称「${f.indicator.name}」中含有数值「${number}」，与目标值「${target}」并存，含义不清：请把数值移到目标值中，名称只写衡量的内容。`,
        en: `The name "${f.indicator.name}" contains the number "${number}" beside the target "${target}", which is ambiguous: move the number into the target and keep the name to what is measured.`,
        ...at(f, 'name'),
      });
    }
    return hits;
  },
};

/** Q03: no template placeholders (`≥**人`, `指标1:`, `……`) are left in names or targets. */
export const placeholderRule: Rule = {
  code: 'Q03',
  category: 'target-quality',
  severity: 'error',
  zh: '指标名称和目标值中没有遗留的模板占位符（≥**人、指标1:、……）',
  en: 'No template placeholders (>=**, "indicator 1:", …) are left in names or targets',
  check({ indicators }) {
    const hits: RuleHit[] = [];
    for (const f of indicators) {
      if (f.indicator.target.kind === 'placeholder') {
        hits.push({
          zh: `指标「${f.indicator.name}」的目标值「${f.indicator.target.raw.trim()}」是未填写的模板占位符：请填写实际目标值。`,
          en: `The target of "${f.indicator.name}" ("${f.indicator.target.raw.trim()}") is an unfilled template placeholder: enter the real target.`,
          ...at(f, 'target'),
        });
      } else if (f.placeholderInName) {
        hits.push({
          zh: `指标名称「${f.indicator.name}」中遗留了模板占位符：请删去占位内容，写明具体指标。`,
          en: `The name "${f.indicator.name}" still contains a template placeholder: remove it and name the indicator.`,
          ...at(f, 'name'),
        });
      }
    }
    return hits;
  },
};

/** Q04: no indicator appears twice. */
export const duplicateIndicatorRule: Rule = {
  code: 'Q04',
  category: 'target-quality',
  severity: 'warning',
  zh: '同一指标不重复设置',
  en: 'No indicator appears twice',
  check({ indicators }) {
    const first = new Map<string, IndicatorFacts>();
    const hits: RuleHit[] = [];
    for (const f of indicators) {
      const earlier = first.get(f.key);
      if (earlier === undefined) {
        first.set(f.key, f);
        continue;
      }
      hits.push({
        zh: `指标「${f.indicator.name}」与第 ${earlier.index + 1} 行重复：请删除重复项或改为不同的指标。`,
        en: `Indicator "${f.indicator.name}" repeats row ${earlier.index + 1}: remove it or make it a different indicator.`,
        ...at(f, 'name'),
      });
    }
    return hits;
  },
};

/** Q05: a numeric target has a unit (人, 个, %, 元 …); zero needs none. */
export const quantityUnitRule: Rule = {
  code: 'Q05',
  category: 'target-quality',
  severity: 'warning',
  zh: '定量目标值带有计量单位（人、个、%、元等）',
  en: 'Numeric targets carry a unit (people, items, %, yuan …)',
  check({ indicators }) {
    return indicators
      .filter((f) => {
        const t = f.indicator.target;
        return t.kind === 'quantitative' && t.unit === null && t.value !== 0;
      })
      .map((f) => ({
        zh: `指标「${f.indicator.name}」的目标值「${f.indicator.target.raw.trim()}」没有计量单位：请注明单位（如 人、个、%、元）${f.rateLike ? '，比率请写成百分数（如 100%）' : ''}。`,
        en: `The target of "${f.indicator.name}" ("${f.indicator.target.raw.trim()}") has no unit: add one (people, items, %, yuan)${f.rateLike ? '; write a rate as a percentage (e.g. 100%)' : ''}.`,
        ...at(f, 'target'),
      }));
  },
};

/** Q06: the operator agrees with the direction: a cost or complaint count is capped (≤), not floored. */
export const operatorDirectionRule: Rule = {
  code: 'Q06',
  category: 'target-quality',
  severity: 'warning',
  zh: '比较符与指标方向一致（成本、投诉等反向指标用 ≤，正向指标用 ≥）',
  en: 'The operator agrees with the direction (<= for costs and complaints, >= for positive indicators)',
  check({ indicators }) {
    const hits: RuleHit[] = [];
    for (const f of indicators) {
      const { operator, kind } = f.indicator.target;
      if (kind !== 'quantitative' || operator === null) continue;
      const floor = operator === '>=' || operator === '>';
      const cap = operator === '<=' || operator === '<';
      if (f.reverse && floor) {
        hits.push({
          zh: `指标「${f.indicator.name}」越低越好（反向指标），目标值却用「${operator}」：请改为 ≤ 上限（如 ≤${formatTarget({ ...f.indicator.target, operator: null })}）。`,
          en: `"${f.indicator.name}" is better when lower (reverse) but its target uses "${operator}": cap it with <= instead.`,
          ...at(f, 'target'),
        });
      } else if (f.indicator.direction === '正向' && cap) {
        hits.push({
          zh: `指标「${f.indicator.name}」标为正向（越高越好），目标值却用「${operator}」：请改为 ≥，或把方向改为反向。`,
          en: `"${f.indicator.name}" is marked positive (higher is better) but its target uses "${operator}": use >= or mark it reverse.`,
          ...at(f, 'target'),
        });
      }
    }
    return hits;
  },
};

// Names of rates that may legitimately exceed 100%: growth, increase.
const GROWTH = /增长|增幅|提升|提高|增加|增速|同比|环比/;

/** Q07: targets are plausible: no rate above 100%, no 100% satisfaction, no negative shares. */
export const implausibleValueRule: Rule = {
  code: 'Q07',
  category: 'target-quality',
  severity: 'warning',
  zh: '目标值合理（比率不超过100%，满意度不设100%，比率不为负）',
  en: 'Targets are plausible (no rate above 100%, no 100% satisfaction, no negative rate)',
  check({ indicators }) {
    const hits: RuleHit[] = [];
    for (const f of indicators) {
      const t = f.indicator.target;
      if (t.kind !== 'quantitative' || t.value === null || t.unit !== '%') continue;
      const top = t.upper ?? t.value;
      const raw = t.raw.trim();
      if (f.rateLike && !GROWTH.test(f.indicator.name) && (top > 100 || (t.operator === '>' && top >= 100))) {
        hits.push({
          zh: `指标「${f.indicator.name}」是比率，目标值「${raw}」不可能达到（超过100%）：请改为不超过 100% 的值。`,
          en: `"${f.indicator.name}" is a rate; the target "${raw}" cannot be reached (above 100%): use at most 100%.`,
          ...at(f, 'target'),
        });
      } else if (f.satisfaction && t.value >= 100 && t.operator !== '<' && t.operator !== '<=') {
        hits.push({
          zh: `指标「${f.indicator.name}」的目标值「${raw}」要求所有人都满意，不切实际：请根据以往调查设定可实现的目标（如 ≥90%）。`,
          en: `"${f.indicator.name}" targets "${raw}", i.e. everyone satisfied, which is not credible: set an achievable level from past surveys (e.g. >=90%).`,
          ...at(f, 'target'),
        });
      } else if (t.value < 0 && !GROWTH.test(f.indicator.name)) {
        hits.push({
          zh: `指标「${f.indicator.name}」的目标值「${raw}」为负数：请检查数值和符号。`,
          en: `"${f.indicator.name}" has a negative target "${raw}": check the number and sign.`,
          ...at(f, 'target'),
        });
      }
    }
    return hits;
  },
};

/** Q08: a 数量 (quantity) indicator counts outputs instead of giving a percentage. */
export const quantityAsRateRule: Rule = {
  code: 'Q08',
  category: 'target-quality',
  severity: 'hint',
  zh: '数量指标反映产出的数量（场次、人次、个数），而不是百分比',
  en: 'Quantity indicators count outputs (events, people, items) instead of giving a percentage',
  check({ indicators }) {
    return indicators
      .filter((f) => f.place.level2?.role === 'quantity' && f.indicator.target.unit === '%')
      .map((f) => ({
        zh: `数量指标「${f.indicator.name}」的目标是百分比「${f.indicator.target.raw.trim()}」，看不出产出多少：请写明产出的数量和单位（如 完成工作事项 40 项）。`,
        en: `Quantity indicator "${f.indicator.name}" is a percentage ("${f.indicator.target.raw.trim()}") and does not say how much is produced: state the count and unit (e.g. 40 work items).`,
        ...at(f, 'target'),
      }));
  },
};

/** Q09: satisfaction is asked of those the project serves, not of those who carry it out. */
export const implementerSatisfactionRule: Rule = {
  code: 'Q09',
  category: 'target-quality',
  severity: 'hint',
  zh: '满意度指标调查的是服务对象，而不是项目执行者',
  en: 'Satisfaction is asked of those the project serves, not of those who carry it out',
  check({ indicators }) {
    return indicators
      .filter((f) => f.implementerSatisfaction)
      .map((f) => ({
        zh: `满意度指标「${f.indicator.name}」调查的是项目执行者自身：请改为服务对象或受益群体的满意度。`,
        en: `Satisfaction indicator "${f.indicator.name}" asks those who carry out the project: ask those it serves or benefits instead.`,
        ...at(f, 'name'),
      }));
  },
};

export const targetQualityRules: readonly Rule[] = [
  rateWithQualitativeTargetRule,
  numberInNameRule,
  placeholderRule,
  duplicateIndicatorRule,
  quantityUnitRule,
  operatorDirectionRule,
  implausibleValueRule,
  quantityAsRateRule,
  implementerSatisfactionRule,
];
