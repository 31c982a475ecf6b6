import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';
import { joinPreviewChunks, unspaceWrappedWords } from './run-together.ts';

// A self-evaluation of an invented project, run together as a document-sharing page's preview shows it.
const FORM =
  '项目支出绩效自评表(2021 年度)项目名称乡村图书室更新经费主管部门某县文化馆实施单位某县文化和旅游局' +
  '项目资金 (万元)年初预算数全年预算数全年执行数分值执行率得分年度资金总额404040 10100%10' +
  '年度总体目标预期目标实际完成情况更新乡村图书室的书架与图书。已完成' +
  '绩 效 指 标一级指标二级指标三级指标年度 指标值实际 完成值分 值得 分偏差原因分析 及改进措施' +
  '产出指标数量指标更新图书室数量12个12个2020质量指标图书验收合格率100%100%2020' +
  '时效指标完成时间2021年10月底前2021年10月底前2020效益指标社会效益 指标借阅人次增长率≥10%12%2020' +
  '满意度 指标服务对象 满意度指 标读者满意度≥90%95%2020总分10098';

/** Cuts text into the numbered chunks a preview prints, `size` characters each. */
function previewPages(text: string, size: number): string {
  const chunks: string[] = [];
  for (let at = 0; at < text.length; at += size)
    chunks.push(`${chunks.length + 1}、${text.slice(at, at + size)}`);
  return chunks.join('\n\n');
}

describe('preview page chunks', () => {
  it('are joined back into the text they were cut from, their numbers dropped', () => {
    const text = `乡村图书室更新经费.doc\n上传人:*** 页数:3\n${previewPages(FORM, 230)}`;
    expect(joinPreviewChunks(text)).toBe(`乡村图书室更新经费.doc\n上传人:*** 页数:3\n${FORM}`);
  });

  it('leave numbered items of a form alone: short lines, or one long numbered paragraph', () => {
    const items = '实施内容\n1、图书采购\n2、书架更换\n3、人员培训';
    expect(joinPreviewChunks(items)).toBe(items);
    const paragraph = `1、${'更新乡村图书室的书架与图书，'.repeat(20)}\n绩效目标`;
    expect(joinPreviewChunks(paragraph)).toBe(paragraph);
    // A second long item that does not follow a first one is no chunk either.
    const apart = `2、${'书'.repeat(210)}\n3、${'架'.repeat(210)}`;
    expect(joinPreviewChunks(apart)).toBe(apart);
  });
});

describe('words a wrapped cell split', () => {
  it('lose the space in a table run together', () => {
    const out = unspaceWrappedWords(FORM);
    expect(out).toContain('年度指标值实际完成值分值得分偏差原因分析及改进措施');
    expect(out).toContain('满意度指标服务对象满意度指标读者满意度');
    expect(out).toContain('绩效指标一级指标');
  });

  it('keep it where spaces separate cells or a label stands before a numbered name', () => {
    const cells = `一级指标 二级指标 三级指标 年度 指标值 实际 完成值 分值 得分 ${'产出指标 数量指标 图书 12个 12个 20 20 '.repeat(5)}`;
    expect(unspaceWrappedWords(cells)).toBe(cells);
    const numbered = `${'更新图书室'.repeat(30)}社会效益 指标1:借阅人次增长率`;
    expect(unspaceWrappedWords(numbered)).toContain('社会效益 指标1:');
    const short = '年度 指标值';
    expect(unspaceWrappedWords(short)).toBe(short);
  });
});

describe('a self-evaluation shown as preview pages', () => {
  it('reads its project and rows, the page title line before it notwithstanding', () => {
    const text = `《乡村图书室更新经费项目支出绩效自评表.docx》由会员分享,可在线阅读\n${previewPages(FORM, 230)}`;
    const [table, ...rest] = importText(text).tables;
    expect(rest).toEqual([]);
    expect(table?.name).toBe('乡村图书室更新经费');
    expect(table?.year).toBe(2021);
    expect(
      table?.indicators.map((i) => [i.level2, i.name, i.target.raw, i.actual, i.weight, i.score]),
    ).toEqual([
      ['数量指标', '更新图书室数量', '12个', '12个', 20, 20],
      ['质量指标', '图书验收合格率', '100%', '100%', 20, 20],
      ['时效指标', '完成时间', '2021年10月底前', '2021年10月底前', 20, 20],
      ['社会效益指标', '借阅人次增长率', '≥10%', '12%', 20, 20],
      ['服务对象满意度指标', '读者满意度', '≥90%', '95%', 20, 20],
    ]);
  });
});
