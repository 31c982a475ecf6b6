import {
  exAnteConclusionLabels,
  exAnteRequirement,
  suggestedExAnteConclusion,
} from '../../ex-ante/ex-ante.ts';
import type { Rule } from '../rule.ts';

// Ex-ante assessment (事前绩效评估) rules: whether the rule set asks the table for an assessment, and what
// its conclusion allows. The server passes the stored assessment in (`ReviewContext.exAnte`); a review
// that was not given it (`undefined`) cannot judge and reports nothing. An error here stops submission.

const e01: Rule = {
  code: 'E01',
  category: 'ex-ante',
  severity: 'error',
  zh: '新增项目或达到预算门槛的项目须有事前绩效评估',
  en: 'A new project, or one above the budget threshold, needs an ex-ante assessment',
  check({ table, params, exAnte }) {
    if (exAnte !== null) return [];
    const requirement = exAnteRequirement(table, params);
    if (!requirement.required) return [];
    return [
      {
        zh: `${requirement.zh}，尚未完成评估：请在「事前绩效评估」中填写五个维度的评分、依据和评估结论后再提交。`,
        en: `${requirement.en}, and none has been made: score the five dimensions with evidence and record a conclusion before submitting.`,
      },
    ];
  },
};

const e02: Rule = {
  code: 'E02',
  category: 'ex-ante',
  severity: 'error',
  zh: '事前绩效评估结论为“不予支持”的项目不得申报',
  en: 'A project the ex-ante assessment does not support may not be submitted',
  check({ exAnte }) {
    if (exAnte?.conclusion !== 'reject') return [];
    return [
      {
        zh: `事前绩效评估结论为「不予支持」（总分 ${exAnte.total}）：项目不应申报预算，请调整方案重新评估或撤回项目。`,
        en: `The ex-ante assessment concluded "do not support" (${exAnte.total} points): revise the project and assess it again, or withdraw it.`,
      },
    ];
  },
};

const e03: Rule = {
  code: 'E03',
  category: 'ex-ante',
  severity: 'warning',
  zh: '事前绩效评估结论与评分不符',
  en: 'The ex-ante conclusion does not match its score',
  check({ params, exAnte }) {
    if (!exAnte) return [];
    const suggested = suggestedExAnteConclusion(exAnte.total, params);
    if (suggested === exAnte.conclusion) return [];
    const given = exAnteConclusionLabels[exAnte.conclusion];
    const expected = exAnteConclusionLabels[suggested];
    return [
      {
        zh: `评估结论「${given.zh}」与总分 ${exAnte.total} 不符：规则集规定 ${params.exAnteSupportScore} 分以上予以支持、${params.exAntePartialScore} 分以上部分支持，应为「${expected.zh}」，或说明理由后调整评分。`,
        en: `The conclusion "${given.en}" does not match the total of ${exAnte.total}: the rule set supports from ${params.exAnteSupportScore} points and partly from ${params.exAntePartialScore}, which gives "${expected.en}"; change it or revise the scores.`,
      },
    ];
  },
};

export const exAnteRules: readonly Rule[] = [e01, e02, e03];
