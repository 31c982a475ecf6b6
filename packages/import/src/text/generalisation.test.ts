import { parse as parseCsv } from 'csv-parse/sync';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  csvFields,
  csvToTabs,
  dropPageFurniture,
  dropPinyin,
  htmlToText,
  importText,
  separateTitle,
  simplifyScript,
  unspaceLetters,
} from './import-text.ts';
import { isInstruction, runTogetherParts } from './indicators.ts';

// Rules found by the probe documents (packages/import/fixtures/probe): each seen on its own here.
function form(lines: string[]): string {
  return lines.join('\n');
}

describe('page furniture from PDF text', () => {
  it('blanks lines that hold only a page number, keeping the line count', () => {
    const text = ['a', '第 1 页 共 3 页', '— 2 —', '- 3 -', 'Page 4 of 9', '共3页 第2页', 'b'].join('\n');
    expect(dropPageFurniture(text).split('\n')).toEqual(['a', '', '', '', '', '', 'b']);
  });

  it('keeps lines that merely mention a page or hold a value', () => {
    const text = ['第1批 ≥3个', '出版图书 第2页起', '1/3', '—'].join('\n');
    expect(dropPageFurniture(text)).toBe(text);
  });

  it('reads a table whose rows continue after a page footer, repeated title and repeated caption row', () => {
    const { tables } = importText(
      form([
        '2024年度项目支出绩效目标表',
        '项目名称 公共自行车运维 实施单位 某市公交服务中心',
        '一级指标 二级指标 三级指标 指标值',
        '产出指标 数量指标 运维站点数量 420个',
        '第 1 页 共 2 页',
        '2024年度项目支出绩效目标表',
        '一级指标 二级指标 三级指标 指标值',
        '质量指标 车辆完好率 ≥95%',
        '满意度指标 服务对象满意度指标 市民满意度 ≥90%',
        '第 2 页 共 2 页',
        '',
      ]),
    );
    expect(tables).toHaveLength(1);
    expect(tables[0]?.indicators.map((i) => i.name)).toEqual(['运维站点数量', '车辆完好率', '市民满意度']);
    expect(tables[0]?.incomplete).toBe(false);
  });
});

describe('wrapped cells in column-aligned text', () => {
  it('joins the tail of a name printed alone below it in the same column', () => {
    const { tables } = importText(
      form([
        '2024年度项目支出绩效目标表',
        '项目名称 公共自行车运维 实施单位 某市公交服务中心',
        '一级指标   二级指标   三级指标                    指标值',
        '产出指标   质量指标   站点故障修复后复检合格      ≥98%',
        // Character columns, as pdftotext -layout counts them: 率 stands under 站.
        `${' '.repeat(14)}率`,
        '满意度指标 服务对象满意度指标 市民满意度 ≥90%',
        '',
      ]),
    );
    expect(tables[0]?.indicators.map((i) => i.name)).toEqual(['站点故障修复后复检合格率', '市民满意度']);
  });

  it('does not join a short cell printed in another column', () => {
    const { tables } = importText(
      form([
        '2024年度项目支出绩效目标表',
        '项目名称 公共自行车运维 实施单位 某市公交服务中心',
        '一级指标   二级指标   三级指标                    指标值',
        '产出指标   质量指标   站点故障修复后复检合格率    ≥98%',
        '                                                  率',
        '满意度指标 服务对象满意度指标 市民满意度 ≥90%',
        '',
      ]),
    );
    expect(tables[0]?.indicators[0]?.name).toBe('站点故障修复后复检合格率');
  });

  it('joins a level-2 label whose 指标 wrapped onto the next row, for the rows beside it too', () => {
    const { tables } = importText(
      form([
        '2024年度项目支出绩效目标表',
        '项目名称 公共自行车运维 实施单位 某市公交服务中心',
        '一级指标 二级指标 三级指标 指标值',
        '产出指标 数量指标 运维站点数量 420个',
        '满意度指标 服务对象满意度 市民骑行满意度 ≥90%',
        '           指标',
        '',
      ]),
    );
    const last = tables[0]?.indicators.at(-1);
    expect(last?.name).toBe('市民骑行满意度');
    expect(last?.level2).toBe('服务对象满意度指标');
    expect(tables[0]?.indicators).toHaveLength(2);
  });
});

describe('run-together cells', () => {
  it('peels leading level labels and an operator-led target off a cell', () => {
    expect(runTogetherParts('产出指标数量指标足额保障率=100%', false)).toEqual([
      '产出指标',
      '数量指标',
      '足额保障率',
      '=100%',
    ]);
    expect(runTogetherParts('效益指标经济效益指标结余率(结余数/预算数)≤5%', false)).toEqual([
      '效益指标',
      '经济效益指标',
      '结余率(结余数/预算数)',
      '≤5%',
    ]);
    expect(runTogetherParts('科目调整次数≤10次', false)).toEqual(['科目调整次数', '≤10次']);
  });

  it('leaves one-cell texts alone: a weighted label, a name holding its value, a name before its own target', () => {
    expect(runTogetherParts('产出指标(50分)', false)).toBeNull();
    expect(runTogetherParts('年度资金支付完成率100%', false)).toBeNull();
    expect(runTogetherParts('满意度调查覆盖率', false)).toBeNull();
    expect(runTogetherParts('PM2.5浓度≤35', true)).toBeNull();
    expect(runTogetherParts('≥95%', false)).toBeNull();
  });

  it('reads a form flattened onto one line with labels, names and targets run together', () => {
    const { tables } = importText(
      '项目支出绩效自评表(2022年度)项目名称 社保缴费 主管部门 某县财政局 实施单位 某县财政局 项目资金(万元) 年初预算数 全年预算数 全年执行数 分值 执行率 得分 年度资金总额 412.60 412.60 412.60 10 100% 10 绩效指标 一级指标 二级指标 三级指标 指标值 分值 得分 产出指标数量指标足额保障率=100% 45 45 效益指标经济效益指标结余率≤5% 45 40 合计 100 95\n',
    );
    const t = tables[0];
    expect(t?.name).toBe('社保缴费');
    expect(t?.budget.executed).toBe(4_126_000);
    expect(
      t?.indicators.map((i) => [
        i.level1,
        i.level2,
        i.name,
        i.target.operator,
        i.target.value,
        i.weight,
        i.score,
      ]),
    ).toEqual([
      ['产出指标', '数量指标', '足额保障率', '=', 100, 45, 45],
      ['效益指标', '经济效益指标', '结余率', '<=', 5, 45, 40],
    ]);
  });

  it('separates a title glued to the first label', () => {
    expect(separateTitle('项目支出绩效自评表(2022年度)项目名称 X')).toBe(
      '项目支出绩效自评表(2022年度) 项目名称 X',
    );
    expect(separateTitle('项目支出绩效自评表(2022年度) 项目名称')).toBe(
      '项目支出绩效自评表(2022年度) 项目名称',
    );
  });
});

describe('template instructions and full-width operators', () => {
  it('knows a wholly bracketed text for an instruction', () => {
    expect(isInstruction('（根据项目实际填写）')).toBe(true);
    expect(isInstruction('(可增行)')).toBe(true);
    expect(isInstruction('受益人数（人）')).toBe(false);
  });

  it('reads a full-width operator in its own column', () => {
    const { tables } = importText(
      form([
        '项目支出绩效目标表',
        '（2024年度）',
        '项目名称：职业技能补贴',
        '实施单位：某省鉴定中心',
        '一级指标 二级指标 三级指标 指标性质 指标值 度量单位 权重',
        '产出指标 数量指标 培训人次 ＞＝ ６ 万人次 50',
        '满意度指标 服务对象满意度指标 参训人员满意度 ＜＝ 10 % 40',
        '满意度指标 服务对象满意度指标 培训覆盖面 定性 逐步扩大 10',
        '',
      ]),
    );
    expect(
      tables[0]?.indicators.map((i) => [i.name, i.target.operator, i.target.value, i.target.unit]),
    ).toEqual([
      ['培训人次', '>=', 6, '万人次'],
      ['参训人员满意度', '<=', 10, '%'],
      // 定性 in the 指标性质 column marks a text target; it is not part of it.
      ['培训覆盖面', null, null, null],
    ]);
    expect(tables[0]?.indicators[2]?.target).toMatchObject({ kind: 'qualitative', text: '逐步扩大' });
  });
});

describe('traditional-character pages', () => {
  it('converts a traditional page to simplified script, and leaves simplified text as it is', () => {
    expect(simplifyScript('產出指標 數量指標 維修養護工程數量 36處')).toEqual({
      text: '产出指标 数量指标 维修养护工程数量 36处',
      converted: true,
    });
    const simplified = '产出指标 数量指标 维修养护工程数量 36处';
    expect(simplifyScript(simplified)).toEqual({ text: simplified, converted: false });
  });

  it('imports a traditional page with a warning that says so', () => {
    const { tables } = importText(
      form([
        '2023年度項目支出績效目標表',
        '項目名稱 農村飲水工程維修經費',
        '實施單位 翁源縣農村供水服務站',
        '一級指標 二級指標 三級指標 指標值',
        '產出指標 數量指標 維修養護工程數量 36處',
        '滿意度指標 服務對象滿意度指標 受益群眾滿意度 ≥90%',
        '',
      ]),
    );
    expect(tables[0]?.name).toBe('农村饮水工程维修经费');
    expect(tables[0]?.indicators.map((i) => [i.level1, i.name])).toEqual([
      ['产出指标', '维修养护工程数量'],
      ['满意度指标', '受益群众满意度'],
    ]);
    expect(tables[0]?.warnings.some((w) => w.code === 'import.traditional_script')).toBe(true);
  });
});

describe('deadlines without a year', () => {
  it('reads `12月底以前` as a date in the year of the form', () => {
    const { tables } = importText(
      form([
        '项目支出绩效目标表',
        '（2022年度）',
        '项目名称：农村公路养护',
        '实施单位：某区公路中心',
        '一级指标 二级指标 三级指标 指标值',
        '产出指标 时效指标 养护任务完成时限 12月底以前',
        '满意度指标 服务对象满意度指标 群众满意度 ≥90%',
        '',
      ]),
    );
    expect(tables[0]?.indicators[0]?.target).toMatchObject({ kind: 'date', operator: '<=', date: '2022-12' });
  });
});

describe('成本指标 between the levels', () => {
  const table = (costRow: string) =>
    importText(
      form([
        '项目支出绩效目标表',
        '（2024年度）',
        '项目名称：城市照明节能改造',
        '实施单位：某区城市管理局',
        '一级指标 二级指标 三级指标 指标值',
        '产出指标 数量指标 改造路灯数量 2600盏',
        costRow,
        '满意度指标 服务对象满意度指标 居民满意度 ≥90%',
        '',
      ]),
    ).tables[0];

  it('is the level 1 of the 2021 framework when a level 2 of its own follows it', () => {
    const cost = table('成本指标 经济成本指标 单盏改造成本 ≤1200元')?.indicators[1];
    expect([cost?.level1, cost?.level2, cost?.name]).toEqual(['成本指标', '经济成本指标', '单盏改造成本']);
  });

  it('stays a level 2 under 产出指标 when an indicator follows it', () => {
    const cost = table('成本指标 单盏改造成本 ≤1200元')?.indicators[1];
    expect([cost?.level1, cost?.level2, cost?.name]).toEqual(['产出指标', '成本指标', '单盏改造成本']);
  });
});

describe('项目资金 with its amount beside it', () => {
  it('reads the amount as the budget, in the unit its caption names', () => {
    const { tables } = importText(
      form([
        '2024年度项目支出绩效目标表',
        '项目名称\t智慧停车系统运维\t项目单位\t某区城市管理局',
        '主管部门\t某区城市管理局\t项目资金（万元）\t96.00',
        '一级指标\t二级指标\t三级指标\t指标值',
        '产出指标\t数量指标\t接入泊位数\t≥5200个',
        '满意度指标\t服务对象满意度指标\t车主满意度\t≥85%',
        '',
      ]),
    );
    expect(tables[0]?.budget.total).toBe(960_000);
  });

  it('leaves the caption of a money block to the rows below it', () => {
    const { tables } = importText(
      form([
        '2024年度项目支出绩效目标表',
        '项目名称 智慧停车系统运维 实施单位 某区城市管理局',
        '项目资金（万元） 年度资金总额 120.00',
        '一级指标 二级指标 三级指标 指标值',
        '产出指标 数量指标 接入泊位数 ≥5200个',
        '满意度指标 服务对象满意度指标 车主满意度 ≥85%',
        '',
      ]),
    );
    expect(tables[0]?.budget.total).toBe(1_200_000);
  });
});

describe('converter and extraction artefacts', () => {
  it('drops pinyin printed in brackets after characters, and keeps other bracketed Latin', () => {
    expect(dropPinyin('項(xiàng)目支出績效目標(biāo)表')).toBe('項目支出績效目標表');
    expect(dropPinyin('全年预算数(A) 执行率(B/A) 金额(万元) PM(ab)')).toBe(
      '全年预算数(A) 执行率(B/A) 金额(万元) PM(ab)',
    );
  });

  it('removes letter spacing when most words are one character, keeping runs of spaces as cell breaks', () => {
    const spaced = [
      '项 目 支 出 绩 效 目 标 表',
      '项 目 名 称      乡 镇 卫 生 院 设 备 购 置',
      '产 出 指 标      数 量 指 标      购 置 D R 设 备 数 量      ≥ 6 台',
    ].join('\n');
    expect(unspaceLetters(spaced).split('\n')).toEqual([
      '项目支出绩效目标表',
      '项目名称      乡镇卫生院设备购置',
      '产出指标      数量指标      购置DR设备数量      ≥6台',
    ]);
  });

  it('leaves ordinary text with single-space cells as it is', () => {
    const text =
      '项目支出绩效自评表 项目名称 社保缴费 主管部门 某县财政局 实施单位 某县财政局 年度资金总额 412.60 412.60 10 100% 10 产出指标 数量指标 足额保障率 =100% 45 45 效益指标 经济效益指标 结余率 ≤5% 45 40 合计 100 95 评价结论 及时 足额 缴纳';
    expect(unspaceLetters(text)).toBe(text);
  });
});

describe('spreadsheets saved as CSV', () => {
  it('splits a CSV line at commas outside quotes', () => {
    expect(csvFields('成本指标,,护理补贴标准,"≥1,200元/人·年",10')).toEqual([
      '成本指标',
      '',
      '护理补贴标准',
      '≥1,200元/人·年',
      '10',
    ]);
    expect(csvFields('a,"say ""hi""",b')).toEqual(['a', 'say "hi"', 'b']);
  });

  it('turns a CSV form into tab-separated rows, and leaves prose with commas alone', () => {
    expect(csvToTabs('一级指标,二级指标,三级指标,指标值\n产出指标,数量指标,人数,≥5200人')).toBe(
      '一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t人数\t≥5200人',
    );
    const prose = '新建晾晒房一座,占地300平方米,包含场坪整治\n一级指标 二级指标 三级指标 指标值';
    expect(csvToTabs(prose)).toBe(prose);
  });

  it('turns CSV into rows as the expressions it was first written with did', () => {
    // The first csvToTabs, kept as the reference: its caption test and its cell and end-of-file patterns
    // rescanned long runs of white space (the square of their length), the present one does not.
    const captions =
      /(?:^|,)\s*"?[一1]级指标"?\s*,\s*"?[二2]级指标"?\s*,|(?:^|,)\s*"?[二2]级指标"?\s*,\s*"?[三3]级指标"?\s*,/m;
    const reference = (text: string): string => {
      if (!(text.includes('指标,') || text.includes('指标",')) || !captions.test(text)) return text;
      try {
        const records = parseCsv(text, {
          relax_column_count: true,
          relax_quotes: true,
          trim: true,
        }) as string[][];
        const rows = records.map((fields) => fields.map((f) => f.replace(/\s*\n\s*/g, ' ')).join('\t'));
        return rows.join('\n') + (/\n\s*$/.test(text) ? '\n' : '');
      } catch {
        return text;
      }
    };
    const pieces = [
      '一级指标,二级指标,',
      '"二级指标" , 三级指标,',
      '一级指标',
      ',',
      '"',
      ' ',
      '\n',
      '\n \n',
      '\t',
      '\u2028',
      '产出',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...pieces), { maxLength: 16 }), (parts) => {
        const text = parts.join('');
        expect(csvToTabs(text)).toBe(reference(text));
      }),
      { numRuns: 3000 },
    );
  });

  it('reads a CSV form', () => {
    const { tables } = importText(
      [
        '2024年项目支出绩效目标表,,,,',
        '项目名称,残疾人两项补贴,,,',
        '主管部门,某区残联,实施单位,某区残联,',
        '项目资金（万元）,年度资金总额,"1,126.80",,',
        '一级指标,二级指标,三级指标,指标值,分值',
        '产出指标,数量指标,补贴人数,≥5200人,50',
        '满意度指标,服务对象满意度指标,补贴对象满意度,≥90%,50',
        '',
      ].join('\n'),
    );
    expect(tables[0]?.name).toBe('残疾人两项补贴');
    expect(tables[0]?.budget.total).toBe(11_268_000);
    expect(tables[0]?.indicators.map((i) => [i.name, i.target.value, i.weight])).toEqual([
      ['补贴人数', 5200, 50],
      ['补贴对象满意度', 90, 50],
    ]);
  });
});

describe('forms without a 一级指标 column', () => {
  it('reads 服务对象满意度指标 as the level 2 it is there, and money printed as caption: amount pairs', () => {
    const { tables } = importText(
      form([
        '2023年度项目支出绩效自评表',
        '项目名称：农技推广补助',
        '实施单位：某县农技站',
        '全年预算数：1,860,000元   全年执行数：1,794,300元',
        '二级指标 三级指标 年度指标值 实际完成值 分值 得分',
        '数量指标 培育示范主体 ≥300户 312户 50 50',
        '服务对象满意度指标 示范主体满意度 ≥90% 92% 50 50',
        '合计 100 100',
      ]),
    );
    const t = tables[0];
    expect([t?.budget.adjusted, t?.budget.executed]).toEqual([1_860_000, 1_794_300]);
    expect(t?.indicators.map((i) => [i.level1, i.level2, i.name])).toEqual([
      [null, '数量指标', '培育示范主体'],
      [null, '服务对象满意度指标', '示范主体满意度'],
    ]);
  });
});

describe('labels wrapped in narrow columns', () => {
  it('continues the cells above with a line of label pieces standing under them', () => {
    const { tables } = importText(
      form([
        '项目支出绩效目标表',
        '（2024年度）',
        '项目名称 学生营养改善计划 实施单位 某县资助中心',
        '一级  二级  指标名称  目标值',
        '指标  指标',
        '产出  数量  受益学生人数  ≥58000人',
        '指标  指标',
        '满意  服务对象满意度  学生满意度  ≥90%',
        '度指  指标',
        '标',
        '',
      ]),
    );
    expect(tables[0]?.indicators.map((i) => [i.level1, i.level2, i.name])).toEqual([
      ['产出指标', '数量指标', '受益学生人数'],
      ['满意度指标', '服务对象满意度指标', '学生满意度'],
    ]);
  });
});

describe('label pieces and empty level-1 columns', () => {
  it('makes no indicator of the first piece of a wrapped label whose rest was cut off', () => {
    const { tables } = importText(
      form([
        '项目支出绩效目标表',
        '（2024年度）',
        '项目名称 学生营养改善计划 实施单位 某县资助中心',
        '一级指标  二级指标  指标名称  目标值',
        '产出  数量  受益学生人数  ≥58000人',
      ]),
    );
    expect(tables[0]?.indicators.map((i) => i.name)).toEqual(['受益学生人数']);
  });

  it('reads 服务对象满意度指标 as level 2 where the level-1 cells are empty, as they were above it', () => {
    const { tables } = importText(
      form([
        '项目支出绩效目标表',
        '（2024年度）',
        '项目名称：农技推广补助',
        '实施单位：某县农技站',
        '一级指标 | 二级指标 | 三级指标 | 指标值',
        '| 数量指标 | 培育示范主体 | ≥300户',
        '| 服务对象满意度指标 | 示范主体满意度 | ≥90%',
        '',
      ]),
    );
    expect(tables[0]?.indicators.map((i) => [i.level1, i.level2])).toEqual([
      [null, '数量指标'],
      [null, '服务对象满意度指标'],
    ]);
  });
});

describe('header money and unit variants', () => {
  it('pairs a row of money captions with the row of amounts below it; beside 实施期, 年度 is the year', () => {
    const { tables } = importText(
      form([
        '中央对地方转移支付区域绩效目标表',
        '（2024年度）',
        '项目名称\t农业经营主体能力提升资金',
        '实施单位\t某市农业农村局',
        '资金情况（万元）\t实施期资金总额\t年度资金总额',
        '\t2,400.00\t800.00',
        '一级指标\t二级指标\t三级指标\t实施期指标值\t年度指标值',
        '产出指标\t数量指标\t培训人数\t≥1500人\t≥500人',
        '满意度指标\t服务对象满意度指标\t培训对象满意度\t≥90%\t≥90%',
        '',
      ]),
    );
    expect([tables[0]?.budget.total, tables[0]?.budget.currentYear]).toEqual([24_000_000, 8_000_000]);
    expect(tables[0]?.indicators[0]?.target.value).toBe(500);
  });

  it('reads `单位：某局` as the unit and `单位：万元` as no unit', () => {
    const { tables } = importText(
      form([
        '2023年度项目支出绩效目标表',
        '单位：某区水利局        单位：万元',
        '项目名称  河流治理前期经费',
        '年度资金总额  150.00',
        '一级指标  二级指标  三级指标  指标值',
        '产出指标  数量指标  编制报告数量  2个',
        '满意度指标  服务对象满意度指标  主管部门满意度  ≥95%',
        '',
      ]),
    );
    expect(tables[0]?.unit).toBe('某区水利局');
    expect(tables[0]?.budget.total).toBe(1_500_000);
  });
});

describe('merged level cells printed at the middle of their rows', () => {
  it('gives the rows above a mid-span label that label', () => {
    const { tables } = importText(
      form([
        '2024年度项目支出绩效目标表',
        '项目名称  校舍维修  实施单位  某区教育局',
        '一级指标    二级指标    三级指标          指标值',
        '                        维修校舍面积      ≥3.5万平方米',
        '            数量指标    维修学校数量      21所',
        '产出指标                维修操场数量      4个',
        '                        工程验收合格率    100%',
        '            质量指标',
        '                        消防设施合格率    100%',
        '满意度指标  服务对象满意度指标  师生满意度  ≥90%',
        '',
      ]),
    );
    expect(tables[0]?.indicators.map((i) => [i.level1, i.level2, i.name])).toEqual([
      ['产出指标', '数量指标', '维修校舍面积'],
      ['产出指标', '数量指标', '维修学校数量'],
      ['产出指标', '数量指标', '维修操场数量'],
      ['产出指标', '质量指标', '工程验收合格率'],
      ['产出指标', '质量指标', '消防设施合格率'],
      ['满意度指标', '服务对象满意度指标', '师生满意度'],
    ]);
  });

  it('leaves labels printed on the first row of their span as they are', () => {
    const { tables } = importText(
      form([
        '2024年度项目支出绩效目标表',
        '项目名称  校舍维修  实施单位  某区教育局',
        '一级指标    二级指标    三级指标          指标值',
        '产出指标    数量指标    维修校舍面积      ≥3.5万平方米',
        '                        维修学校数量      21所',
        '            质量指标    工程验收合格率    100%',
        '满意度指标  服务对象满意度指标  师生满意度  ≥90%',
        '',
      ]),
    );
    expect(tables[0]?.indicators.map((i) => i.level2)).toEqual([
      '数量指标',
      '数量指标',
      '质量指标',
      '服务对象满意度指标',
    ]);
  });
});

describe('a value cut by the end of the text', () => {
  it('keeps the row whose name was read, without the part of its target that was', () => {
    const { tables } = importText(
      form([
        '2023年度项目支出绩效目标表',
        '项目名称 水质监测经费 实施单位 某区疾控中心',
        '一级指标 二级指标 三级指标 指标值',
        '产出指标 数量指标 检测水样份数 ≥340份',
        '效益指标 社会效益指标 饮水安全保障水平 逐步提',
      ]),
    );
    const last = tables[0]?.indicators.at(-1);
    expect(last?.name).toBe('饮水安全保障水平');
    expect(last?.target.kind).toBe('missing');
    expect(tables[0]?.incomplete).toBe(true);
  });

  it('reads 预算金额 beside its amount as the year’s budget', () => {
    const { tables } = importText(
      form([
        '2021年区级财政项目支出绩效目标表',
        '项目名称：文化服务配送',
        '项目单位：某区文化中心      预算金额（万元）：860.00',
        '一级指标  二级指标  三级指标  指标值',
        '产出目标  数量  配送场次  ≥1200场',
        '影响力目标  满意度  群众满意度  ≥90%',
        '',
      ]),
    );
    expect(tables[0]?.budget.currentYear).toBe(8_600_000);
  });
});

describe('HTML source pasted as text', () => {
  it('turns table rows into lines of tab-separated cells', () => {
    expect(
      htmlToText(
        '<table><tr><td rowspan="2">项目资金<br/>（万元）</td><td>年度资金总额</td></tr>\n<tr><td>a</td><td>&gt;=90%</td></tr></table>',
      ),
    ).toBe('\t项目资金（万元）\t年度资金总额\n\ta\t&gt;=90%\n\n');
    expect(htmlToText('<tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr><tr><td>e</td><t')).toBe(
      '\ta\tb\n\tc\td\n\te',
    );
  });

  it('leaves text with a stray tag alone', () => {
    const text = '项目名称 <td>不是表格 一级指标 二级指标';
    expect(htmlToText(text)).toBe(text);
  });

  it('imports a form pasted as HTML source', () => {
    const { tables } = importText(
      [
        '<p>2024年度项目支出绩效目标表</p><table>',
        '<tr><td>项目名称</td><td>社区服务设施运营补助</td></tr>',
        '<tr><td>实施单位</td><td>某市社会福利院</td></tr>',
        '<tr><td>一级指标</td><td>二级指标</td><td>三级指标</td><td>指标值</td></tr>',
        '<tr><td>产出指标</td><td>数量指标</td><td>补助设施数量</td><td>22个</td></tr>',
        '<tr><td>满意度指标</td><td>服务对象满意度指标</td><td>服务对象满意度</td><td>&gt;=90%</td></tr>',
        '</table>',
      ].join('\n'),
    );
    expect(tables[0]?.name).toBe('社区服务设施运营补助');
    expect(tables[0]?.indicators.map((i) => [i.name, i.target.operator, i.target.value])).toEqual([
      ['补助设施数量', null, 22],
      ['服务对象满意度', '>=', 90],
    ]);
  });
});

describe('CSV cells and HTML entities read with their libraries', () => {
  it('keeps a quoted cell with line breaks in its row', () => {
    const csv = '一级指标,二级指标,三级指标,指标值\n产出指标,数量指标,"培训人数\n（含线上）",≥500人\n';
    expect(csvToTabs(csv)).toBe(
      '一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t培训人数 （含线上）\t≥500人\n',
    );
  });

  it('decodes numeric and named entities a page kept', () => {
    const [table] = importText(
      '2024年度项目支出绩效目标表\n项目名称\t社区服务\n实施单位\t某街道\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t服务人次\t&#x2265;1200人次\n产出指标\t质量指标\t服务合格率\t&ge;95&#37;\n',
    ).tables;
    expect(table?.indicators.map((i) => i.target.raw)).toEqual(['≥1200人次', '≥95%']);
  });
});

describe('a caption row whose cells wrapped onto a second line', () => {
  it('joins each upper half with its lower half in order (年度/指标值, 实际/完成值)', () => {
    const text = [
      '项目支出绩效自评表(2023年度)',
      '项目名称 乡村道路养护经费',
      '实施单位 某县交通运输局',
      '绩效指标 一级指标 二级指标 三级指标 年度 实际 分值 得分 偏差原因分析及改进措施',
      '指标值 完成值',
      '产出指标 数量指标 养护道路里程 120公里 118公里 20 19 部分路段汛期延误',
      '质量指标 养护路段合格率 ≥95% 97% 20 20',
      '效益指标 社会效益指标 群众出行条件 明显改善 明显改善 30 30',
      '满意度指标 服务对象满意度指标 沿线群众满意度 ≥90% 93% 20 20',
      '总分 100 99',
    ].join('\n');
    const [table] = importText(`${text}\n`).tables;
    expect(
      table?.indicators.map((i) => [
        i.name,
        i.target.raw,
        i.actual ?? null,
        i.weight ?? null,
        i.score ?? null,
      ]),
    ).toEqual([
      ['养护道路里程', '120公里', '118公里', 20, 19],
      ['养护路段合格率', '≥95%', '97%', 20, 20],
      ['群众出行条件', '明显改善', '明显改善', 30, 30],
      ['沿线群众满意度', '≥90%', '93%', 20, 20],
    ]);
  });
});

describe('a row whose cells wrapped onto the lines below it', () => {
  it('reads value words under a row that stopped short as that row’s cells, not as indicators', () => {
    const text = [
      '| 2023年度项目支出绩效自评表 |',
      '| 项目名称 | 学生资助补助经费 |',
      '| 实施单位 | 某县第一中学 |',
      '| 一级指标 | 二级指标 | 三级指标 | 年度指标值 | 实际完成值 | 分值 | 得分 |',
      '| 产出指标 | 数量指标 | 受助学生人数 | ≥320人 | 326人 | 20 | 20 |',
      '| 效益指标 | 社会效益指标 | 减轻困难家庭负担 |',
      '| 明显 |',
      '| 明显 | 30 | 30 |',
      '| 满意度指标 | 服务对象满意度指标 | 学生满意度 | ≥90% | 96% | 40 | 40 |',
      '| 总分 | 90 | 90 |',
    ].join('\n');
    const [table] = importText(`${text}\n`).tables;
    expect(
      table?.indicators.map((i) => [
        i.name,
        i.target.raw,
        i.actual ?? null,
        i.weight ?? null,
        i.score ?? null,
      ]),
    ).toEqual([
      ['受助学生人数', '≥320人', '326人', 20, 20],
      ['减轻困难家庭负担', '明显', '明显', 30, 30],
      ['学生满意度', '≥90%', '96%', 40, 40],
    ]);
  });
});

describe('values extraction moved or stripped', () => {
  const text = [
    '2022年度项目支出绩效目标表',
    '项目名称：乡村道路建设补助',
    '实施单位：某县交通局',
    '一级指标\t二级指标\t三级指标\t指标值',
    '产出指标\t数量指标\t每公里补助20万元\t',
    '产出指标\t质量指标\t年度资金支付完成率100%\t',
    '满意度指标\t服务对象满意度指标\t群众满意度\t≥',
    '产出指标\t时效指标\t总航时不少于30小时\t',
    '合计',
    '',
  ].join('\n');
  const [table] = importText(text).tables;

  it('moves a count or money value printed in the name cell to the target, and says so', () => {
    expect(table?.indicators[0]).toMatchObject({
      name: '每公里补助',
      target: { value: 20, unit: '万元', raw: '20万元' },
    });
    expect(table?.warnings).toContainEqual(
      expect.objectContaining({ code: 'import.low_confidence', line: 5, path: 'indicators.0' }),
    );
    // The operator before the figure goes with it.
    expect(table?.indicators[3]).toMatchObject({
      name: '总航时',
      target: { operator: '>=', value: 30, unit: '小时', raw: '不少于30小时' },
    });
    expect(table?.warnings).toContainEqual(
      expect.objectContaining({ code: 'import.low_confidence', line: 8, path: 'indicators.3' }),
    );
    // A rate that ends in its template percentage keeps it as the name.
    expect(table?.indicators[1]).toMatchObject({
      name: '年度资金支付完成率100%',
      target: { kind: 'missing' },
    });
  });

  it('leaves a target whose figure was stripped missing, never a sign read as text', () => {
    expect(table?.indicators[2]?.target).toMatchObject({ kind: 'missing', value: null });
    expect(table?.warnings).toContainEqual(
      expect.objectContaining({ code: 'import.value_missing', line: 7 }),
    );
  });
});

describe('header labels with a seal note', () => {
  it('reads the unit after 填报单位(公章) and 实施单位(签章) as after (盖章)', () => {
    for (const label of ['填报单位(公章)', '实施单位（签章）', '申报单位(盖章)']) {
      const text = [
        '2021年度项目支出绩效目标表',
        '项目名称：食用菌品种推广',
        `${label}：某县食用菌研究所`,
        '一级指标\t二级指标\t三级指标\t指标值',
        '产出指标\t数量指标\t推广品种数量\t≥3种',
        '满意度指标\t服务对象满意度指标\t种植户满意度\t≥90%',
        '合计',
        '',
      ].join('\n');
      expect(importText(text).tables[0]?.unit, label).toBe('某县食用菌研究所');
    }
  });
});

describe('project names the form prints elsewhere', () => {
  it('takes the project from the title when no 项目名称 is printed, and says so', () => {
    const text = [
      '2023年社区养老服务补助项目绩效目标表',
      '实施单位：某街道办事处',
      '一级指标\t二级指标\t三级指标\t指标值',
      '产出指标\t数量指标\t服务老人人数\t≥500人',
      '满意度指标\t服务对象满意度指标\t老人满意度\t≥90%',
      '合计',
      '',
    ].join('\n');
    const [table] = importText(text).tables;
    expect(table?.name).toBe('社区养老服务补助');
    expect(table?.warnings).toContainEqual(
      expect.objectContaining({ code: 'import.name_from_title', path: 'name' }),
    );
  });

  it('keeps a title naming a whole department’s list unread as a project', () => {
    const text = [
      '2023年某县民政局部门项目支出绩效目标表',
      '一级指标\t二级指标\t三级指标\t指标值',
      '产出指标\t数量指标\t服务老人人数\t≥500人',
      '合计',
      '',
    ].join('\n');
    expect(importText(text).tables[0]?.name).toBe('（未注明）');
  });

  it('reads the project column of a multi-project table behind a 序号 column', () => {
    const text = [
      '2023年部门项目支出绩效目标公开',
      '序号\t项目名称\t一级指标\t二级指标\t三级指标\t指标值',
      '1\t社区养老服务补助\t产出指标\t数量指标\t服务老人人数\t≥500人',
      '\t\t满意度指标\t服务对象满意度指标\t老人满意度\t≥90%',
      '2\t残疾人康复补助\t产出指标\t数量指标\t康复训练人次\t≥1200人次',
      '合计',
      '',
    ].join('\n');
    expect(importText(text).tables.map((t) => [t.name, t.indicators.length])).toEqual([
      ['社区养老服务补助', 2],
      ['残疾人康复补助', 1],
    ]);
  });
});

describe('a department-wide form', () => {
  const lines = [
    '部门整体支出绩效目标申报表',
    '（2023年度）',
    '部门（单位）名称\t某县农业农村局',
    '年度主要任务\t任务名称\t主要内容\t预算金额（万元）',
    '\t农田水利建设\t新建高标准农田2万亩\t1200',
    '年度总体目标\t完成高标准农田建设任务。',
    '年度绩效指标\t一级指标\t二级指标\t三级指标\t指标值',
    '\t产出指标\t数量指标\t新建高标准农田面积\t≥2万亩',
    '\t满意度指标\t服务对象满意度指标\t农户满意度\t≥90%',
    '',
  ];

  it('is named after its department when the title is only the form’s name', () => {
    const [table] = importText(lines.join('\n')).tables;
    expect(table).toMatchObject({
      kind: 'department-wide',
      name: '某县农业农村局部门整体支出',
      unit: '某县农业农村局',
    });
    expect(table?.indicators.map((i) => i.name)).toEqual(['新建高标准农田面积', '农户满意度']);
  });

  it('keeps the unit apart from the section captions that follow it on one line', () => {
    const [table] = importText(lines.join(' ').replace(/\t/g, ' ')).tables;
    expect(table?.unit).toBe('某县农业农村局');
  });
});

describe('a name that reads as a value', () => {
  it('keeps a date-like name in the name column when the row holds more values than the columns after the target', () => {
    const text = [
      '| 2020年度项目支出绩效自评表 |',
      '| 项目名称 | 文物保护经费 |',
      '| 实施单位 | 某区文物管理所 |',
      '| 一级指标 | 二级指标 | 三级指标 | 指标值 | 全年实际完成值 | 产生差异的原因及改进措施 |',
      '| 产出指标 | 数量指标 | 讲解员,、安保人员人数 | 32人 | 32人 | |',
      '| 时效指标 | 2020年12月完成 | =95% | =95% | |',
      '| 满意度指标 | 服务对象满意度指标 | 游客满意度 | ≥90% | 96% | |',
      '| 合计 |',
    ].join('\n');
    const [table] = importText(`${text}\n`).tables;
    expect(table?.indicators.map((i) => [i.level2, i.name, i.target.raw, i.actual ?? null])).toEqual([
      ['数量指标', '讲解员、安保人员人数', '32人', '32人'],
      ['时效指标', '2020年12月完成', '=95%', '=95%'],
      ['服务对象满意度指标', '游客满意度', '≥90%', '96%'],
    ]);
  });
});
