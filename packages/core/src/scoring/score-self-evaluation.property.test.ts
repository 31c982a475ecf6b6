import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scoreSelfEvaluation } from './score-self-evaluation.ts';
import { getScoringScheme } from './scoring-schemes.ts';
import { buildEntry, buildIndicator, buildSelfEvaluationTable } from './self-evaluation.factory.ts';

const LEVEL1 = ['产出指标', '效益指标', '满意度指标', '投入与管理', null] as const;
const OPERATORS = ['>=', '<=', '=', '>', '<', ''] as const;

const indicatorArb = fc.record({
  level1: fc.constantFrom(...LEVEL1),
  operator: fc.constantFrom(...OPERATORS),
  value: fc.oneof(fc.constant(0), fc.double({ min: -50, max: 1e6, noNaN: true, noDefaultInfinity: true })),
  actual: fc.oneof(
    fc.constant(null),
    fc.constant('达成'),
    fc
      .double({ min: -1e3, max: 1e7, noNaN: true, noDefaultInfinity: true })
      .map((n) => String(Number(n.toFixed(3)))),
  ),
  weight: fc.integer({ min: 0, max: 60 }),
  applicable: fc.boolean(),
  direction: fc.constantFrom('正向', '反向', null),
});

const caseArb = fc.record({
  indicators: fc.array(indicatorArb, { minLength: 1, maxLength: 12 }),
  useWeights: fc.boolean(),
  adjusted: fc.option(fc.integer({ min: 0, max: 1e9 }), { nil: null }),
  executed: fc.option(fc.integer({ min: 0, max: 2e9 }), { nil: null }),
  linear: fc.boolean(),
});

describe('scoreSelfEvaluation properties', () => {
  it('keeps every score between 0 and its weight and the total between 0 and 100', () => {
    fc.assert(
      fc.property(caseArb, (c) => {
        const table = buildSelfEvaluationTable(
          c.indicators.map((i, k) =>
            buildIndicator(`${i.operator}${Number(i.value.toFixed(3))}`, {
              name: `指标${k}`,
              level1: i.level1,
              direction: i.direction,
              weight: c.useWeights ? i.weight : null,
            }),
          ),
        );
        const entry = buildEntry(
          c.indicators.map((i) => ({ actual: i.actual, applicable: i.applicable })),
          { budget: { adjusted: c.adjusted, executed: c.executed } },
        );
        const scheme = getScoringScheme(c.linear ? 'national-2020-linear' : 'national-2020');
        const result = scoreSelfEvaluation(table, entry, scheme);
        for (const line of [result.execution, ...result.indicators]) {
          expect(line.score).toBeGreaterThanOrEqual(0);
          expect(line.score).toBeLessThanOrEqual(line.weight);
        }
        expect(result.total).toBeGreaterThanOrEqual(0);
        // Printed weights may add up to more than 90 (the form's own numbers); the scheme's split never does.
        const weightTotal = result.indicators.reduce((s, l) => s + l.weight, 0) + result.execution.weight;
        expect(result.total).toBeLessThanOrEqual(Number(weightTotal.toFixed(2)));
        if (!c.useWeights) {
          expect(result.total).toBeLessThanOrEqual(100);
          if (result.indicators.some((l) => l.status !== 'not_applicable')) {
            expect(Number(weightTotal.toFixed(2))).toBe(100);
          }
        }
      }),
      { numRuns: 400, seed: 20261126 },
    );
  });

  it('never scores more when the actual moves away from the target', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1000 }),
        fc.integer({ min: 0, max: 2000 }),
        fc.integer({ min: 0, max: 2000 }),
        fc.boolean(),
        (v, a1, a2, reverse) => {
          const table = buildSelfEvaluationTable([
            buildIndicator(`${reverse ? '<=' : '>='}${v}`, { weight: 90 }),
          ]);
          const score = (a: number) =>
            scoreSelfEvaluation(table, buildEntry([String(a)]), getScoringScheme()).indicators[0]?.score ??
            -1;
          const [lo, hi] = a1 <= a2 ? [a1, a2] : [a2, a1];
          if (reverse) expect(score(hi)).toBeLessThanOrEqual(score(lo));
          else expect(score(hi)).toBeGreaterThanOrEqual(score(lo));
        },
      ),
      { numRuns: 300, seed: 7 },
    );
  });
});
