import { describe, expect, it } from 'vitest';
import { importText } from './import-text.ts';

// A government page's own footer after the form (written in the shapes such pages print it): the text may
// stop inside it, which cuts nothing off the form.

describe('a web page’s own footer after a whole table', () => {
  const form = (footer: string[]) =>
    importText(
      [
        '2020年度项目支出绩效目标表',
        '项目名称 | 病媒防治环境卫生清洁 |',
        '实施单位 | 某区城市管理委员会 |',
        '一级指标 | 二级指标 | 三级指标 | 指标值 |',
        '产出指标 | 数量指标 | 清扫保洁面积 | ≥58万平方米 |',
        '满意度指标 | 服务对象满意度指标 | 周围群众满意度 | ≥90% |',
        ...footer,
      ].join('\n'),
    ).tables[0];

  it('leaves the table complete when the text stops inside the site’s footer', () => {
    expect(form(['- 扫一扫在手机打开当前页'])?.incomplete).toBe(false);
    expect(
      form([
        '内容保障 | 公务邮箱',
        '某县人民政府主办  某县人民政府办公室承办',
        '地址:某省某县广场大街111号  网站监督电话:0534-4366343',
        '鲁ICP备06032897号  鲁公网安备37142402000014  政府网站标识码:3714240016',
      ])?.incomplete,
    ).toBe(false);
  });

  it('still marks a table cut off in its rows', () => {
    expect(form(['效益指标 | 社会效益指标 | 清扫保洁覆盖'])?.incomplete).toBe(true);
  });
});
