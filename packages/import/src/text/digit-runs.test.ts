import { describe, expect, it } from 'vitest';
import {
  cutsOf,
  isWellFormed,
  plausiblePoints,
  plausibleWeight,
  splitActualAndPoints,
  splitWeightTargetActualScore,
} from './digit-runs.ts';

describe('cutsOf', () => {
  it('cuts a run into well-formed numbers only', () => {
    expect(cutsOf('1510', 2)).toEqual([
      [1, 510],
      [15, 10],
      [151, 0],
    ]);
    expect(cutsOf('105', 2)).toEqual([[10, 5]]);
  });
});

describe('splitActualAndPoints', () => {
  it('takes the one cut a scored row allows', () => {
    expect(
      splitActualAndPoints('31010', ['actual', 'weight', 'score'], { value: 3, operator: '>=' }),
    ).toEqual({
      actual: 3,
      weight: 10,
      score: 10,
    });
  });

  it('lets the national rule choose among cuts, and the printed precision of weights and scores', () => {
    // 132.9 | 10 | 10 under a ceiling of 202.6 (met: full marks) — not 1 | 3 | 2.9101 nor 132.91 | 1 | 0.
    expect(
      splitActualAndPoints('132.91010', ['actual', 'weight', 'score'], { value: 202.6, operator: '<=' }),
    ).toEqual({
      actual: 132.9,
      weight: 10,
      score: 10,
    });
    // A target missed: 80 of 100 scores 8 of 10.
    expect(
      splitActualAndPoints('80108', ['actual', 'weight', 'score'], { value: 100, operator: '>=' }),
    ).toEqual({
      actual: 80,
      weight: 10,
      score: 8,
    });
    expect(
      splitActualAndPoints('80810', ['actual', 'score', 'weight'], { value: 100, operator: '>=' }),
    ).toEqual({
      actual: 80,
      weight: 10,
      score: 8,
    });
    expect(
      splitActualAndPoints('10808', ['weight', 'actual', 'score'], { value: 100, operator: '>=' }),
    ).toEqual({
      actual: 80,
      weight: 10,
      score: 8,
    });
  });

  it('reads nothing when no cut, or several, remain', () => {
    expect(
      splitActualAndPoints('10', ['actual', 'weight', 'score'], { value: 5, operator: null }),
    ).toBeNull();
    expect(
      splitActualAndPoints('1111', ['actual', 'weight', 'score'], { value: null, operator: null }),
    ).toBeNull();
  });
});

describe('plausibleWeight and isWellFormed', () => {
  it('takes weights of 1–60 with at most one decimal', () => {
    expect([1, 7.5, 60].map(plausibleWeight)).toEqual([true, true, true]);
    expect([0, 0.5, 60.5, 61, 7.25].map(plausibleWeight)).toEqual([false, false, false, false, false]);
  });

  it('takes numbers without a leading zero or a dangling point', () => {
    expect(['0', '10', '0.5', '12.25'].map(isWellFormed)).toEqual([true, true, true, true]);
    expect(['05', '5.', '.5', '1.2.3', ''].map(isWellFormed)).toEqual([false, false, false, false, false]);
  });
});

describe('plausiblePoints', () => {
  it('takes a weight of 1–60 printed whole or with one decimal and a score not above it', () => {
    expect(plausiblePoints(10, 10)).toBe(true);
    expect(plausiblePoints(7.5, 6.25)).toBe(true);
    expect(plausiblePoints(0.5, 0.5)).toBe(false);
    expect(plausiblePoints(61, 10)).toBe(false);
    expect(plausiblePoints(10, 10.5)).toBe(false);
    expect(plausiblePoints(10.25, 10)).toBe(false);
    expect(plausiblePoints(10, 9.125)).toBe(false);
  });
});

describe('splitWeightTargetActualScore', () => {
  it('cuts weight, target, actual and score run together, by the rule or by the repeated target', () => {
    expect(splitWeightTargetActualScore('2010010020')).toEqual({
      weight: 20,
      target: 100,
      actual: 100,
      score: 20,
    });
    // 36.2 of 38.75 scores 10 × 36.2 ÷ 38.75 = 9.34 by the rule.
    expect(splitWeightTargetActualScore('1038.7536.29.34')).toEqual({
      weight: 10,
      target: 38.75,
      actual: 36.2,
      score: 9.34,
    });
    // A score off the rule: the cut whose actual repeats the target.
    expect(splitWeightTargetActualScore('101001009.34')).toEqual({
      weight: 10,
      target: 100,
      actual: 100,
      score: 9.34,
    });
  });

  it('gives up where no single cut remains', () => {
    // The figures run on into the next cell's year: no cut gives a score a form prints.
    expect(splitWeightTargetActualScore('1038.7536.29.342021')).toBeNull();
    expect(splitWeightTargetActualScore('1234')).toBeNull();
  });
});
