import { describe, expect, it } from 'vitest';
import { inferColumnRoles, valueCellsOfRows, withColumnsFromCells } from './column-roles.ts';
import { findIndicatorHeader } from './indicators.ts';
import { toGrid } from './layout.ts';
import { toTokens } from './tokens.ts';

describe('inferColumnRoles', () => {
  it('reads the national self-evaluation columns from their cells', () => {
    const rows = [
      ['≥100人', '120人', '10', '10', '无偏差'],
      ['≥95%', '90%', '10', '8', '培训推迟'],
      ['2023年12月前', '2023年11月', '20', '20'],
    ];
    expect(inferColumnRoles(rows, 'self-evaluation')).toEqual({
      roles: ['target', 'actual', 'weight', 'score', 'reason'],
      doubtful: false,
    });
  });

  it('finds the weight printed before the target and the score after the actual', () => {
    const rows = [
      ['15', '≥100人', '120人', '15'],
      ['10', '≥95%', '90%', '8'],
      ['5', '提高', '明显提高', '5'],
    ];
    expect(inferColumnRoles(rows, 'self-evaluation')?.roles).toEqual(['weight', 'target', 'actual', 'score']);
  });

  it('tells the weight from the score by the score never passing it, in either order', () => {
    const rows = [
      ['≥100人', '120人', '13', '15'],
      ['≥95%', '90%', '8', '10'],
    ];
    expect(inferColumnRoles(rows, 'self-evaluation')?.roles).toEqual(['target', 'actual', 'score', 'weight']);
  });

  it('reads 指标值类型, a unit column beside a bare target and a 评分标准 column', () => {
    const rows = [
      ['定量', '100', '人', '120人', '10', '完成得满分，未完成按比例扣分', '10'],
      ['定量', '95', '%', '96%', '10', '完成得满分，未完成按比例扣分', '9'],
      ['定性', '提高', '', '提高', '10', '完成得满分，未完成按比例扣分', '10'],
    ];
    expect(inferColumnRoles(rows, 'self-evaluation')?.roles).toEqual([
      'opOrDir',
      'target',
      'unit',
      'actual',
      'weight',
      'explanation',
      'score',
    ]);
  });

  it('takes the first of two equal figure columns as the weight, as every form prints 分值 before 得分', () => {
    const rows = [
      ['≥100人', '120人', '10', '10'],
      ['≥95%', '90%', '10', '10'],
    ];
    expect(inferColumnRoles(rows, 'self-evaluation')?.roles).toEqual(['target', 'actual', 'weight', 'score']);
  });

  it('is doubtful about a self-evaluation whose figures are no weight and score', () => {
    const rows = [
      ['≥100人', '120人', '10', '30'],
      ['≥95%', '90%', '20', '10'],
    ];
    expect(inferColumnRoles(rows, 'self-evaluation')?.doubtful).toBe(true);
  });

  it('is doubtful about which of two value columns of a target table is the target', () => {
    const rows = [
      ['规范', '规范'],
      ['≥50%', '100%'],
    ];
    expect(inferColumnRoles(rows, 'target')?.doubtful).toBe(true);
  });

  it('is doubtful about a self-evaluation with three columns of values (半年, 全年, 实际)', () => {
    const rows = [
      ['≥50人', '≥100人', '120人', '10', '10'],
      ['≥90%', '≥95%', '96%', '10', '9'],
    ];
    expect(inferColumnRoles(rows, 'self-evaluation')?.doubtful).toBe(true);
  });

  it('reads a target table with a 指标解释 column', () => {
    const rows = [
      ['≥100人', '反映培训人数情况'],
      ['≥95%', '反映合格率情况'],
    ];
    expect(inferColumnRoles(rows, 'target')).toEqual({ roles: ['target', 'explanation'], doubtful: false });
  });

  it('reads units a form coins for itself beside the target (村, 万千瓦时), and 指标解释 before the value', () => {
    const rows = [
      ['反映送戏下乡情况。', '定量', '≥70', '村'],
      ['反映节电情况。', '定量', '≥110', '万千瓦时'],
    ];
    expect(inferColumnRoles(rows, 'target')?.roles).toEqual(['explanation', 'opOrDir', 'target', 'unit']);
  });

  it('takes no column of short words for units when the targets carry their own (考核方式: 抽查, 问卷)', () => {
    const rows = [
      ['1260台', '抽查'],
      ['≥90%', '问卷'],
    ];
    expect(inferColumnRoles(rows, 'target')?.roles).toEqual(['target', 'explanation']);
  });

  it('gives nothing, quickly, for rows that are long runs of figures', () => {
    const run = Array.from({ length: 20_000 }, () => '1');
    const started = performance.now();
    expect(inferColumnRoles([run, run, run], 'self-evaluation')).toBeNull();
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('gives nothing for fewer than two rows', () => {
    expect(inferColumnRoles([['≥100人', '120人', '10', '10']], 'self-evaluation')).toBeNull();
  });

  it('judges rows on the cells most of them print when some lost their empty last cell', () => {
    const rows = [
      ['≥100人', '120人', '10', '10'],
      ['≥95%', '90%', '10', '8', '培训推迟'],
      ['≥90%', '92%', '20', '20'],
      ['提高', '提高', '10', '10', '无偏差'],
    ];
    expect(inferColumnRoles(rows, 'self-evaluation')?.roles).toEqual([
      'target',
      'actual',
      'weight',
      'score',
      'reason',
    ]);
  });
});

describe('valueCellsOfRows', () => {
  it('gives the cells after each row’s name, skipping level labels, up to the total row', () => {
    const text = [
      '产出指标\t数量指标\t培训人数\t≥100人\t120人',
      '\t质量指标\t合格率\t≥95%\t96%',
      '效益指标\t社会效益指标\t就业率\t提高\t提高',
      '合计\t\t\t100\t98',
      '后记\t某\t某',
    ];
    const tokens = toTokens(
      toGrid(
        text.map((t, n) => ({ text: t, line: n + 1 })),
        false,
      ),
    );
    expect(valueCellsOfRows(tokens, 0)).toEqual([
      ['≥100人', '120人'],
      ['≥95%', '96%'],
      ['提高', '提高'],
    ]);
  });
});

function tokensOf(lines: string[]) {
  return toTokens(
    toGrid(
      lines.map((t, n) => ({ text: t, line: n + 1 })),
      false,
    ),
  );
}

const ROWS = [
  '产出指标\t数量指标\t培训人数\t10\t≥100人\t120人\t10',
  '\t质量指标\t合格率\t10\t≥95%\t90%\t8',
  '效益指标\t社会效益指标\t就业率\t20\t提高\t提高\t20',
  '合计\t\t\t40\t\t\t38',
];

describe('withColumnsFromCells', () => {
  it('gives columns captioned in unknown words the roles their cells show', () => {
    const tokens = tokensOf(['一级指标\t二级指标\t三级指标\t栏目1\t栏目2\t栏目3\t栏目4', ...ROWS]);
    const printed = findIndicatorHeader(tokens, 'rows');
    expect(printed?.unreadCaptions?.length).toBeGreaterThan(0);
    const header = printed && withColumnsFromCells(printed, tokens, 'self-evaluation');
    expect(header?.afterName).toEqual(['weight', 'target', 'actual', 'score']);
    expect(header?.columnsFromCells).toBe(true);
  });

  it('keeps the printed columns and marks them unsettled when the cells disagree with a caption that was read', () => {
    // 得分 printed over the first figure column, which holds weights the scores never pass.
    const tokens = tokensOf(['一级指标\t二级指标\t三级指标\t得分\t栏目2\t栏目3\t栏目4', ...ROWS]);
    const printed = findIndicatorHeader(tokens, 'rows');
    const header = printed && withColumnsFromCells(printed, tokens, 'self-evaluation');
    expect(header?.afterName).toEqual(printed?.afterName);
    expect(header?.columnsFromCells).toBeUndefined();
    expect(header?.unsettledColumns).toBe(true);
  });

  it('leaves a caption row it reads whole as it is', () => {
    const tokens = tokensOf(['一级指标\t二级指标\t三级指标\t分值\t年度指标值\t实际完成值\t得分', ...ROWS]);
    const printed = findIndicatorHeader(tokens, 'rows');
    expect(printed && withColumnsFromCells(printed, tokens, 'self-evaluation')).toBe(printed);
  });
});
