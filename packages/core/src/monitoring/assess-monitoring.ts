import Big from 'big.js';
import { AppError } from '../errors/app-error.ts';
import type { Indicator, PerformanceTable } from '../tables/table.schema.ts';
import { parseTarget } from '../targets/target-grammar.ts';
import type {
  Deviation,
  IndicatorProgress,
  LightLine,
  MonitoringAssessment,
  MonitoringNote,
  MonitoringReport,
} from './monitoring.schema.ts';
import { LIGHT_LABELS, LIGHT_RISK, type Light, type MonitoringScheme } from './monitoring-scheme.schema.ts';

function fmt(n: number | Big): string {
  const big = n instanceof Big ? n : new Big(n);
  return big
    .round(4, Big.roundHalfUp)
    .toFixed()
    .replace(/(\.\d*?)0+$/, '$1')
    .replace(/\.$/, '');
}

function pct(ratio: Big): string {
  return `${fmt(ratio.times(100).round(1, Big.roundHalfUp))}%`;
}

function line(
  indicatorIndex: number | null,
  light: Light,
  ratio: Big | null,
  formula: string,
  zh: string,
  en: string,
) {
  return {
    indicatorIndex,
    light,
    ratio: ratio === null ? null : Number(ratio.round(4, Big.roundHalfUp).toFixed(4)),
    explanation: { formula, zh, en },
  } satisfies LightLine;
}

const JUDGEMENT_LIGHT = { 达成: 'green', 部分达成: 'yellow', 未达成: 'red' } as const;

function judged(
  index: number,
  progress: IndicatorProgress | undefined,
  what: { zh: string; en: string },
): LightLine {
  const judgement = progress?.judgement;
  if (!judgement) {
    return line(
      index,
      'grey',
      null,
      '?',
      `${what.zh}：须由填报人判断进度（达成/部分达成/未达成）并说明理由。`,
      `${what.en}: the author judges progress (on track / partly / off track) and gives the reason.`,
    );
  }
  const light = JUDGEMENT_LIGHT[judgement];
  return line(
    index,
    light,
    null,
    `${judgement} → ${light}`,
    `${what.zh}：填报人判断为“${judgement}”，${LIGHT_LABELS[light].zh}。`,
    `${what.en}: judged "${judgement}" by the author, ${LIGHT_LABELS[light].en}.`,
  );
}

function positiveLight(r: Big, scheme: MonitoringScheme): Light {
  if (r.lt(scheme.positive.red)) return 'red';
  if (r.lt(scheme.positive.yellow)) return 'yellow';
  if (r.lt(scheme.positive.blue)) return 'green';
  return 'blue';
}

function indicatorLight(
  indicator: Indicator,
  index: number,
  progress: IndicatorProgress | undefined,
  month: number,
  scheme: MonitoringScheme,
): LightLine {
  const target = indicator.target;
  const valueText = progress?.value?.trim() ?? '';
  if (target.kind !== 'quantitative' && target.kind !== 'date') {
    const zh = target.kind === 'qualitative' ? `定性指标（${target.raw.trim()}）` : '指标无可计算的目标值';
    return judged(index, progress, { zh, en: 'Target is not a number' });
  }
  if (valueText === '') {
    if (progress?.judgement) return judged(index, progress, { zh: '未填完成值', en: 'No value entered' });
    return line(
      index,
      'grey',
      null,
      '—',
      '未填写截至监控月的完成值。',
      'No value reached so far was entered.',
    );
  }
  const actual = parseTarget(valueText);
  if (target.kind === 'date') {
    if (
      actual.kind === 'date' &&
      actual.date &&
      target.date &&
      actual.date.slice(0, target.date.length) <= target.date
    ) {
      return line(
        index,
        'green',
        null,
        `${actual.date} ≤ ${target.date}`,
        `已于 ${actual.date} 完成，不晚于 ${target.date}。`,
        `Done on ${actual.date}, not later than ${target.date}.`,
      );
    }
    return judged(index, progress, { zh: `时间指标（${target.raw.trim()}）`, en: 'Deadline target' });
  }
  if (actual.kind !== 'quantitative' || actual.value === null || target.value === null) {
    return judged(index, progress, {
      zh: `完成值“${valueText}”不是数值`,
      en: `"${valueText}" is not a number`,
    });
  }
  const a = actual.value;
  const v = target.value;
  const reverse =
    indicator.direction === '反向' ||
    (indicator.direction == null && (target.operator === '<=' || target.operator === '<')) ||
    (v === 0 && target.operator !== '>' && target.operator !== '>=');
  if (reverse) {
    const ok = target.operator === '<' ? a < v : a <= v;
    return line(
      index,
      ok ? 'green' : 'red',
      null,
      `${fmt(a)} ${ok ? '≤' : '>'} ${fmt(v)}`,
      ok
        ? `反向指标：当前值 ${fmt(a)} 未超过目标值 ${fmt(v)}，绿灯。`
        : `反向指标：当前值 ${fmt(a)} 已超过目标值 ${fmt(v)}，红灯。`,
      ok
        ? `Reverse indicator: ${fmt(a)} does not exceed the target ${fmt(v)}: green.`
        : `Reverse indicator: ${fmt(a)} already exceeds the target ${fmt(v)}: red.`,
    );
  }
  if (v <= 0) return judged(index, progress, { zh: '目标值不是正数', en: 'The target is not positive' });
  const level = target.unit !== null && scheme.levelUnits.includes(target.unit);
  const share = level ? new Big(1) : new Big(month).div(12);
  const planned = new Big(v).times(share);
  const r = new Big(a).div(planned);
  const light = positiveLight(r, scheme);
  const formulaPlan = level ? fmt(v) : `${fmt(v)} × ${month} ÷ 12`;
  return line(
    index,
    light,
    r,
    `${fmt(a)} ÷ (${formulaPlan}) = ${pct(r)}`,
    `进度 = 当前值 ÷ ${level ? '目标值' : '按时序应完成值'} = ${fmt(a)} ÷ (${formulaPlan}) = ${pct(r)}，${LIGHT_LABELS[light].zh}。`,
    `Progress = value ÷ ${level ? 'target' : 'time-proportional target'} = ${fmt(a)} ÷ (${formulaPlan}) = ${pct(r)}: ${LIGHT_LABELS[light].en}.`,
  );
}

function spendingLight(report: MonitoringReport, scheme: MonitoringScheme) {
  const { annual, executed } = report.budget;
  const m = report.cutOffMonth;
  if (annual == null || executed == null || annual <= 0) {
    return {
      ...line(
        null,
        'grey',
        null,
        '—',
        '未填写全年预算数或执行数。',
        'Annual budget or spending not entered.',
      ),
      rate: null,
    };
  }
  const rate = new Big(executed).div(annual);
  const r = rate.div(new Big(m).div(12));
  const light: Light = r.lt(scheme.spending.red) ? 'red' : r.lt(scheme.spending.yellow) ? 'yellow' : 'green';
  return {
    ...line(
      null,
      light,
      r,
      `(${fmt(executed)} ÷ ${fmt(annual)}) ÷ (${m} ÷ 12) = ${pct(r)}`,
      `预算执行率 ${pct(rate)}，按时序进度（${m}/12）为 ${pct(r)}，${LIGHT_LABELS[light].zh}。`,
      `Spent ${pct(rate)} of the budget; against the ${m}/12 time share that is ${pct(r)}: ${LIGHT_LABELS[light].en}.`,
    ),
    rate: Number(rate.round(6, Big.roundHalfUp).toFixed(6)),
  };
}

/** Warnings for a red or yellow light whose deviation lacks cause, expected value, likelihood or measure. */
function deviationNotes(
  name: string,
  path: string,
  deviation: Deviation | null | undefined,
  askExpected: boolean,
): MonitoringNote[] {
  const notes: MonitoringNote[] = [];
  const ask = (field: string, code: string, zh: string, en: string) =>
    notes.push({
      code,
      severity: 'warning',
      zh: `“${name}”偏离目标：${zh}`,
      en: `"${name}" deviates: ${en}`,
      path: `${path}.deviation.${field}`,
    });
  if (!deviation?.cause)
    ask(
      'cause',
      'monitoring.cause_missing',
      '请选择偏差原因（经费/制度/人员/硬件/其他）。',
      'choose the cause.',
    );
  if (askExpected && !deviation?.expectedValue?.trim()) {
    ask(
      'expectedValue',
      'monitoring.expected_missing',
      '请填写预计全年完成值。',
      'give the expected full-year value.',
    );
  }
  if (!deviation?.likelihood) {
    ask(
      'likelihood',
      'monitoring.likelihood_missing',
      '请判断能否完成目标（确定能/有可能/完全不可能）。',
      'say how likely the target is met.',
    );
  }
  if (!deviation?.measure?.trim()) {
    ask('measure', 'monitoring.measure_missing', '请填写纠偏措施。', 'give the corrective measure.');
  }
  return notes;
}

/**
 * Lights of a monitoring report ("双监控"): spending against the time share of the year, each
 * indicator's progress (direction-aware; judged by the author when not a number), the project's worst
 * light, and warnings asking for the cause and corrective measure of every deviation.
 */
export function assessMonitoring(
  table: PerformanceTable,
  report: MonitoringReport,
  scheme: MonitoringScheme,
): MonitoringAssessment {
  const byIndex = new Map<number, IndicatorProgress>();
  for (const p of report.indicators) {
    if (p.index >= table.indicators.length) {
      throw new AppError(
        'monitoring.indicator_not_found',
        `第 ${p.index + 1} 个指标不存在。`,
        `There is no indicator ${p.index + 1}.`,
        { path: `indicators.${p.index}` },
      );
    }
    byIndex.set(p.index, p);
  }
  const notes: MonitoringNote[] = [];
  const spending = spendingLight(report, scheme);
  if (spending.light === 'red' || spending.light === 'yellow') {
    notes.push(...deviationNotes('预算执行', 'budget', report.budget.deviation, false));
  }
  const lines = table.indicators.map((indicator, i) => {
    const progress = byIndex.get(i);
    const l = indicatorLight(indicator, i, progress, report.cutOffMonth, scheme);
    const path = `indicators.${i}`;
    if (l.light === 'red' || l.light === 'yellow')
      notes.push(...deviationNotes(indicator.name, path, progress?.deviation, true));
    if (l.light === 'blue') {
      notes.push({
        code: 'monitoring.target_too_low',
        severity: 'hint',
        zh: `“${indicator.name}”进度远超计划，目标值可能偏低。`,
        en: `"${indicator.name}" is far ahead of plan: the target may be set too low.`,
        path,
      });
    }
    if (l.light === 'grey') {
      notes.push({
        code: 'monitoring.value_missing',
        severity: 'warning',
        zh: `“${indicator.name}”缺少完成值或进度判断。`,
        en: `"${indicator.name}" has no value or judgement yet.`,
        path,
      });
    }
    if (progress?.judgement && !progress.note?.trim()) {
      notes.push({
        code: 'monitoring.judgement_reason_missing',
        severity: 'warning',
        zh: `“${indicator.name}”的进度判断须说明理由。`,
        en: `Give the reason for the judgement of "${indicator.name}".`,
        path: `${path}.note`,
      });
    }
    return l;
  });
  const all = [spending, ...lines];
  const worst = all.reduce<Light>((w, l) => (LIGHT_RISK[l.light] > LIGHT_RISK[w] ? l.light : w), 'green');
  const count = (light: Light) => all.filter((l) => l.light === light).length;
  return {
    schemeId: scheme.id,
    cutOffMonth: report.cutOffMonth,
    spending,
    indicators: lines,
    light: worst,
    risk: LIGHT_RISK[worst] * 10_000 + count('red') * 100 + count('yellow') * 10 + count('grey'),
    notes,
  };
}

/** How many corrective measures an assessed report still lacks (its measure_missing notes). */
export function missingMeasureCount(assessment: Pick<MonitoringAssessment, 'notes'>): number {
  return assessment.notes.filter((note) => note.code === 'monitoring.measure_missing').length;
}
