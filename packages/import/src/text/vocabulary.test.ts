import { describe, expect, it } from 'vitest';
import { joinsIntoLabel } from './vocabulary.ts';

describe('joinsIntoLabel', () => {
  it('joins a level label wrapped in its cell, its weight note included', () => {
    expect(joinsIntoLabel('经济效益', '指标')).toBe(true);
    expect(joinsIntoLabel('一级', '指标')).toBe(true);
    // A vertical caption broken before its weight note (`效益指` / `标(30 分)`).
    expect(joinsIntoLabel('效益指', '标(30 分)')).toBe(true);
  });

  it('leaves apart cells that make no label together', () => {
    expect(joinsIntoLabel('效益指标', '标(30分)')).toBe(false);
    expect(joinsIntoLabel('配套资金', '标(30分)')).toBe(false);
    expect(joinsIntoLabel('数量指标', '质量指标')).toBe(false);
  });
});
