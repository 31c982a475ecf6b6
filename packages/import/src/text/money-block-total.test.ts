import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';

/** A target form whose money block is given by `moneyRows`, in pipe-separated cells. */
function targetForm(moneyRows: string[]): string {
  return [
    '| 2025年度项目绩效目标表 | | | |',
    '| 项目名称 | 乡村道路养护 | | |',
    '| 项目实施单位 | 某某县交通运输局 | | |',
    ...moneyRows,
    '| 一级指标 | 二级指标 | 三级指标 | 指标值 |',
    '| 产出指标 | 数量指标 | 养护里程 | ≥120公里 |',
    '| 满意度指标 | 服务对象满意度指标 | 群众满意度 | ≥90% |',
    '',
  ].join('\n');
}

function budgetOf(text: string) {
  const { tables } = importText(text);
  expect(tables).toHaveLength(1);
  return tables[0]?.budget;
}

describe('a money block closed by its 合计 row', () => {
  it('takes the 合计 beside the block’s caption as the project’s money, in the caption’s unit', () => {
    const budget = budgetOf(
      targetForm([
        '| 项目资金（万元） | 合计 | 86.5 | |',
        '| 一般公共预算拨款 | 小计 | 86.5 | |',
        '| 其他资金 | | | |',
      ]),
    );
    expect(budget).toMatchObject({ total: 865_000 });
  });

  it('reads last year’s and this year’s columns of a 合 计 row spaced into two cells', () => {
    const budget = budgetOf(
      targetForm([
        '| 项目资金情况 | 项目资金申请(万元) | 上年度安排资金 | 本年度申请资金 |',
        '| 合 | 计 | 40 | 52.8 |',
        '| 县级资金 | 40 | 52.8 | |',
      ]),
    );
    expect(budget).toMatchObject({ priorYearBudget: 400_000, total: 528_000 });
  });

  it('takes nothing from a 合计 row whose columns it cannot tell apart', () => {
    const budget = budgetOf(
      targetForm(['| 项目资金（万元） | 资金来源 | 省级 | 县级 |', '| 合计 | 30 | 20 | 10 |']),
    );
    expect(budget?.total ?? null).toBeNull();
  });

  it('leaves a printed 年度资金总额 alone', () => {
    const budget = budgetOf(
      targetForm([
        '| 项目资金（万元） | 年度资金总额 | 120 | |',
        '| 其中：财政拨款 | 120 | | |',
        '| 合计 | 999 | | |',
      ]),
    );
    expect(budget).toMatchObject({ total: 1_200_000 });
  });
});
