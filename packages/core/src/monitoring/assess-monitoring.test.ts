import { describe, expect, it } from 'vitest';
import { buildIndicator, buildSelfEvaluationTable } from '../scoring/self-evaluation.factory.ts';
import { assessMonitoring } from './assess-monitoring.ts';
import { type MonitoringReportInput, monitoringReportSchema } from './monitoring.schema.ts';
import { DEFAULT_MONITORING_SCHEME, monitoringSchemeSchema } from './monitoring-scheme.schema.ts';

const scheme = DEFAULT_MONITORING_SCHEME;

function report(input: Partial<MonitoringReportInput>) {
  return monitoringReportSchema.parse({
    cutOffMonth: 6,
    budget: { annual: 1_200_000, executed: 600_000 },
    indicators: [],
    ...input,
  });
}

const table = buildSelfEvaluationTable(
  [
    buildIndicator('>=100个', { name: '培训人次' }),
    buildIndicator('≤50万元', { name: '单位成本' }),
    buildIndicator('>=95%', { name: '合格率' }),
    buildIndicator('规范', { name: '管理规范性' }),
  ],
  { kind: 'target' },
);

function lightsOf(values: (string | null)[], extra: Partial<MonitoringReportInput> = {}) {
  return assessMonitoring(
    table,
    report({ indicators: values.map((value, index) => ({ index, value })), ...extra }),
    scheme,
  );
}

describe('assessMonitoring', () => {
  it('lights spending against the time share of the year (m = 6: half spent is on plan)', () => {
    expect(lightsOf([]).spending).toMatchObject({ light: 'green', ratio: 1, rate: 0.5 });
    const slow = lightsOf([], { budget: { annual: 1_200_000, executed: 420_000 } });
    expect(slow.spending).toMatchObject({ light: 'yellow', ratio: 0.7 });
    const stalled = lightsOf([], { budget: { annual: 1_200_000, executed: 300_000 } });
    expect(stalled.spending.light).toBe('red');
    expect(stalled.spending.explanation.zh).toContain('25%');
    expect(stalled.notes.map((n) => n.path)).toContain('budget.deviation.measure');
  });

  it('lights a positive indicator red / yellow / green / blue around the 60 / 80 / 120 % bounds', () => {
    // plan at June = 100 × 6 ÷ 12 = 50
    const light = (v: string) => lightsOf([v]).indicators[0]?.light;
    expect(light('29')).toBe('red');
    expect(light('30')).toBe('yellow');
    expect(light('40')).toBe('green');
    expect(light('59')).toBe('green');
    expect(light('60')).toBe('blue');
    expect(lightsOf(['60']).notes.map((n) => n.code)).toContain('monitoring.target_too_low');
    expect(lightsOf(['40']).indicators[0]?.explanation.formula).toBe('40 ÷ (100 × 6 ÷ 12) = 80%');
  });

  it('compares rates with the full target, not a share of it', () => {
    const result = lightsOf([null, null, '96%']);
    expect(result.indicators[2]).toMatchObject({ light: 'green', ratio: 1.0105 });
    expect(lightsOf([null, null, '50%']).indicators[2]?.light).toBe('red');
  });

  it('keeps a reverse indicator green while within the target and red beyond it', () => {
    expect(lightsOf([null, '45万元']).indicators[1]?.light).toBe('green');
    expect(lightsOf([null, '50万元']).indicators[1]?.light).toBe('green');
    expect(lightsOf([null, '51万元']).indicators[1]?.light).toBe('red');
  });

  it("uses the author's judgement for a qualitative target and asks for its reason", () => {
    const result = assessMonitoring(
      table,
      report({ indicators: [{ index: 3, value: null, judgement: '部分达成' }] }),
      scheme,
    );
    expect(result.indicators[3]?.light).toBe('yellow');
    expect(result.notes.map((n) => n.code)).toContain('monitoring.judgement_reason_missing');
    const none = lightsOf([]);
    expect(none.indicators[3]?.light).toBe('grey');
  });

  it('shows the worst light on the project and ranks risk by it', () => {
    const allGreen = lightsOf(['50', '40万元', '96%']);
    const withRed = lightsOf(['10', '40万元', '96%']);
    expect(withRed.light).toBe('red');
    expect(allGreen.light).toBe('grey');
    expect(withRed.risk).toBeGreaterThan(allGreen.risk);
    const judgedGreen = assessMonitoring(
      table,
      report({
        indicators: [
          { index: 0, value: '50' },
          { index: 1, value: '40万元' },
          { index: 2, value: '96%' },
          { index: 3, value: null, judgement: '达成', note: '制度已印发' },
        ],
      }),
      scheme,
    );
    expect(judgedGreen.light).toBe('green');
    expect(judgedGreen.notes).toEqual([]);
  });

  it('asks for cause, expected value, likelihood and measure of a deviation until they are given', () => {
    const bare = lightsOf(['10']);
    expect(bare.notes.filter((n) => n.path?.startsWith('indicators.0.deviation')).map((n) => n.code)).toEqual(
      [
        'monitoring.cause_missing',
        'monitoring.expected_missing',
        'monitoring.likelihood_missing',
        'monitoring.measure_missing',
      ],
    );
    const explained = assessMonitoring(
      table,
      report({
        indicators: [
          {
            index: 0,
            value: '10',
            deviation: {
              cause: '人员',
              expectedValue: '90个',
              likelihood: '有可能',
              measure: '下半年增开培训班',
            },
          },
        ],
      }),
      scheme,
    );
    expect(explained.notes.filter((n) => n.path?.startsWith('indicators.0'))).toEqual([]);
  });

  it('follows a regional scheme with another cut-off month and bounds', () => {
    const strict = monitoringSchemeSchema.parse({
      ...scheme,
      id: 'strict',
      positive: { red: 0.7, yellow: 0.9, blue: 1.5 },
    });
    const result = assessMonitoring(table, report({ indicators: [{ index: 0, value: '40' }] }), strict);
    expect(result.indicators[0]?.light).toBe('yellow');
  });

  it('rejects progress for an indicator the table does not have', () => {
    expect(() => lightsOf([null, null, null, null, '1'])).toThrow(/indicator 5/);
  });
});
