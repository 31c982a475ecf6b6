// Word lists the rules share. They describe how indicator names are written on real forms; keep them
// general (a reader of any such form would agree), never tuned to one document.

const RATE_END = /(?:率|比例|占比|比重|百分比|覆盖面)(?:[(（][^)）]*[)）])?$/;
// Names that end in 率 without being a share of something.
const NOT_RATE_END = /(?:效率|频率|功率|税率|利率|汇率|速率)(?:[(（][^)）]*[)）])?$/;
const SATISFACTION = /满意(?:度|率)/;

/** The name says the indicator is a rate or share, so its target must be a number. */
export function isRateName(name: string): boolean {
  return (RATE_END.test(name) && !NOT_RATE_END.test(name)) || SATISFACTION.test(name);
}

/** The name is a satisfaction indicator (满意度/满意率). */
export function isSatisfactionName(name: string): boolean {
  return SATISFACTION.test(name);
}

const REVERSE_WORDS =
  /成本|费用|单价|投诉|事故|差错|损失|超支|死亡|发病|违规|违纪|破坏|污染|故障|延误|不合格|返工|逾期|流失/;
// …but handling, cutting, preventing or paying them on time is a positive indicator (投诉处理率,
// 成本节约率, 污染物排放达标率, 费用报销及时率).
const POSITIVE_ACTION =
  /处理|办结|解决|回复|响应|整改|控制|节约|节省|降低|下降|减少|查处|处置|结案|防治|治理|预防|防范|监测|检测|核查|排查|应急|执行|到位|及时|完成|覆盖|准确|进度|报销|支付|兑现|达标/;

/** Lower is better for indicators named after costs, complaints, accidents, damage … */
export function nameSuggestsReverse(name: string): boolean {
  return REVERSE_WORDS.test(name) && !POSITIVE_ACTION.test(name);
}

// A number with a percent sign or a counting unit written into the name: the target belongs in the
// target column. Years (2020年) and ages (60岁) are not matched; neither are time spans (24小时热线).
const NUMBER_IN_NAME =
  /(?:[≥≤><=＞＜]|不低于|不少于|达到)?\s*\d+(?:\.\d+)?\s*(?:%|％|个(?!工作日|月|小时|自然日|周|季度)|人次|人|场次|场|家|项|件|台|辆|套|户|所|万元|元|亩|平方米|公里|吨)/;

/** The number written into an indicator name, as printed, or null. */
export function numberInName(name: string): string | null {
  return NUMBER_IN_NAME.exec(name)?.[0].trim() ?? null;
}

// Output indicators that fit any project (项目完成率, 项目目标实现率, 项目完成及时性 …): they say nothing
// about what this project delivers.
const GENERIC_OUTPUT =
  /^(?:项目|工作|年度)?(?:任务|目标)?(?:完成|实现|按时完成|完成及时|完成质量|实施进度|验收合格|按期完成)(?:率|性|度|情况)?$/;

/** The indicator name is a generic output indicator that fits any project. */
export function isGenericOutputName(name: string): boolean {
  return GENERIC_OUTPUT.test(name.replace(/\s+/g, ''));
}

const IMPLEMENTER = /执行者|实施者|执行人员|实施人员|工作人员|本单位|项目单位|承担单位|职工/;

/** A satisfaction indicator asking the people who carry the project out instead of those it serves. */
export function isImplementerSatisfaction(name: string): boolean {
  return isSatisfactionName(name) && IMPLEMENTER.test(name);
}

const PLACEHOLDER_IN_NAME = /[*＊]{2}|×{2}|[xX]{2}(?![a-zA-Z])|……|^指标\s*\d*\s*[:：]|请填写|待填/;

/** The name still carries a template placeholder (`≥**人`, `指标1:`, `……`). */
export function nameHasPlaceholder(name: string): boolean {
  return PLACEHOLDER_IN_NAME.test(name);
}

// Narratives that say nothing: "见附件", "略", "按计划执行", "按照各项目工作实施计划执行".
const EMPTY_WORDS = /^(?:无|略|暂无|同上|待定|不适用|详见附件|见附件|另附|详见申报书|见申报书|\/|-+)$/;
const PLAN_ONLY = /^(?:按照|根据|依照|按|依据)[^，。,;；]{0,16}(?:执行|实施|开展|进行|落实)$/;

/** A narrative that is filled in but carries no information (boilerplate). */
export function isBoilerplateNarrative(text: string): boolean {
  // Every pattern below is short; a long text is never boilerplate, and most texts are long.
  if (text.length > 40) return false;
  const flat = text.replace(/[\s。.;；,，、]+$/g, '').replace(/\s+/g, '');
  if (flat === '') return false;
  if (EMPTY_WORDS.test(flat) || PLAN_ONLY.test(flat)) return true;
  let letters = 0;
  for (const ch of flat) if (/[\p{L}\p{N}]/u.test(ch) && ++letters >= 4) return false;
  return true;
}
