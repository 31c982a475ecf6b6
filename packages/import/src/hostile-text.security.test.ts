import { describe, expect, it } from 'vitest';
import { parseFile } from './parse-file.ts';
import { timedRead } from './testing/timed-read.ts';
import { readIndicatorStream } from './text/stream-indicators.ts';

// Small texts, each shaped like an input the fuzzer found still running after 60 s or taking several
// seconds, that reach one super-linear step of the text reader. Each took 17–40 s before its step was
// made linear (a run of 100,000 characters costing its square, or a search over every placement of a
// row's cells); now each reads in well under a second, so the bound below is far from both.
const form = (body: string) => `2024年度项目支出绩效目标表\n项目名称：道路养护项目\n${body}`;
const words = (count: number) => Array.from({ length: count }, (_, i) => `词${i}`).join(' ');

const cases: [string, string][] = [
  [
    // 20 words in a row under 36 columns: trying every placement of the words took C(33, 20) steps.
    'a row of 20 words under 36 columns',
    form(
      `${['一级指标', '二级指标', '三级指标', '指标值', '实际完成值', '偏差原因', ...Array(30).fill('备注')].join(' ')}\n` +
        `产出指标 数量指标 养护里程 100公里 100公里 ${words(20)}\n`,
    ),
  ],
  [
    // A name read from running text, trimmed by `[\s,，、:：]+$` from each of its 100,000 spaces.
    '100,000 spaces inside a name in running text',
    form(`产出指标 数量指标 养护${' '.repeat(100_000)}里程≥100公里 质量指标 验收合格率≥95%\n`),
  ],
  [
    // 资金 followed by 100,000 tabs: `\s*[为是:：]?\s*` split the run in every way before failing.
    '100,000 tabs after 资金',
    form(
      `安排补助资金${'\t'.repeat(100_000)}共计\n一级指标\t二级指标\t三级指标\t指标值\n产出指标\t数量指标\t养护里程\t100公里\n`,
    ),
  ],
  [
    // CSV-like text: the caption test `(?:^|,)\s*` rescanned the rest of 100,000 line breaks from each.
    '100,000 line breaks in comma-separated text',
    `项目名称,道路养护\n${'\n'.repeat(100_000)}产出指标,数量指标,养护里程,100公里\n`,
  ],
  [
    // A CSV cell holding 100,000 spaces: `\s*\n\s*` tried from each of them.
    '100,000 spaces in a quoted CSV cell',
    `项目名称,道路养护\n一级指标,二级指标,三级指标,指标值\n产出指标,数量指标,"养护${' '.repeat(100_000)}里程",100公里\n`,
  ],
  [
    // A department run into 100,000 digits and then more text: `\d{6,}$` tried the run from each digit.
    '100,000 digits after a run-together 主管部门',
    `2024年度项目支出绩效目标表项目名称道路养护项目主管部门某局${'0'.repeat(100_000)}号实施单位某中心一级指标二级指标三级指标指标值产出指标数量指标养护里程100公里\n`,
  ],
  [
    // Prose that captions its figure (年初任务数) before 100,000 ideographic spaces: the caption's lookbehind
    // was tried at every space and rescanned the run behind it (30,000 spaces 1.1 s, 100,000 about 12 s).
    '100,000 ideographic spaces after a target caption',
    form(
      `产出指标 数量指标 养护里程≥100公里 培训人数年初任务数${'　'.repeat(100_000)}100人 质量指标 验收合格率≥95%\n`,
    ),
  ],
  [
    // A self-evaluation's caption row (指标值 | 全年实际完成值), then prose whose count (任务70个) is followed by
    // 100,000 spaces: `\s*[≥]?\s*\d` after the unit split the run between its two halves in every way
    // (20,000 spaces 2.8 s, 92,772 spaces 45 s).
    '100,000 spaces after a count in a self-evaluation',
    ` | ||||||\n绩效指标 | 一级 指标 |\n二级指标 | 三级指标 | 指标值 | 全年实际完成值 | 未完成原因和改进措施 | |\n产 出 指 标 |\n-12月\n(5)项目内容。文化惠民工程,主要用于送戏进万村,按照明年的任务70个${' '.repeat(100_000)}行政村,每村4400元,市级需配套704`,
  ],
  [
    // A markdown row whose one cell holds 100,000 digits and more pipes after it: the one-cell row test
    // `[^|]*\S[^|]*` tried every digit as its non-space character (85 KB 10 s).
    '100,000 digits in a pipe-table cell',
    `| 2.补助标准。叠加给${'9'.repeat(100_000)}予助学补助 | |||||||||\n一级指标 | 二级指标 | 三级指标 | 指标值 |\n`,
  ],
];

describe('hostile text the fuzzer found', () => {
  it.each(cases)('reads %s in linear time', async (_label, text) => {
    const { outcome, ms } = await timedRead(new TextEncoder().encode(text));
    expect(outcome).toBeDefined();
    expect(ms).toBeLessThan(3000);
  });
});

/** The CPU time (user and system, this process) of reading `text`, in milliseconds. */
async function cpuMs(text: string): Promise<number> {
  const before = process.cpuUsage();
  await parseFile({ name: 'rows.txt', bytes: new TextEncoder().encode(text) }).catch(() => undefined);
  const { user, system } = process.cpuUsage(before);
  return (user + system) / 1000;
}

describe('long tables', () => {
  // A form without a 二级指标 column whose rows start with their level-2 label: each label's row is
  // read with the label supplied as its name. Supplying it copied all the table's cells, the square of
  // the table's length (16,000 such rows took over a minute). Judged by how the CPU time grows from
  // 4,000 rows to 16,000 (four times for linear reading, sixteen for quadratic), not by wall time.
  const labelRows = (count: number) =>
    form(
      `一级指标 三级指标 指标值\n产出指标\n${Array.from({ length: count }, (_, i) => `数量指标 养护里程${i} ${i}公里\n`).join('')}`,
    );

  // Forms one after another, none printing its year: each looked for the year in all the forms before
  // it (1,000 forms of 24 lines took 9 s, 250 took 0.4 s). Judged by CPU time as above.
  const yearlessForms = (count: number) =>
    Array.from(
      { length: count },
      (_, i) =>
        `项目支出绩效目标表\n项目名称：道路养护项目${i}\n${'说明：按计划实施\n'.repeat(20)}` +
        '一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 养护里程 100公里\n',
    ).join('');

  // A scored table run together on one line whose targets are grades (`…验收合格合格2020`, name | 合格 | 合格 |
  // 20 | 20 per row): each row's reading left the rest of the line to a reading of its own, one call deeper
  // per row (8,000 rows overflowed the stack) and a copy of the rest each time. Read by the running-text
  // reader itself, since a table holds at most 500 rows.
  const gradeRows = (count: number) =>
    `一级指标二级指标三级指标年度指标值实际完成值分值得分产出指标质量指标${Array.from({ length: count }, (_, i) => `维修路段${i}验收合格合格2020`).join('')}`;
  const streamCpuMs = (text: string): number => {
    const before = process.cpuUsage();
    readIndicatorStream(text, 1, 2024);
    const { user, system } = process.cpuUsage(before);
    return (user + system) / 1000;
  };

  it('reads every grade row of a long line, in linear time', () => {
    expect(readIndicatorStream(gradeRows(8000), 1, 2024).indicators).toHaveLength(8000);
    streamCpuMs(gradeRows(500));
    const small = streamCpuMs(gradeRows(2000));
    const large = streamCpuMs(gradeRows(8000));
    expect(large / small).toBeLessThan(8);
  });

  it('reads forms that print no year in linear time', async () => {
    await cpuMs(yearlessForms(50));
    const small = await cpuMs(yearlessForms(200));
    const large = await cpuMs(yearlessForms(1600));
    // Eight times the forms: eight times the time for linear reading, sixty-four for quadratic.
    expect(large / small).toBeLessThan(24);
  });

  it('reads rows that start with their level-2 label in linear time', async () => {
    await cpuMs(labelRows(1000));
    const small = await cpuMs(labelRows(4000));
    const large = await cpuMs(labelRows(16_000));
    expect(large / small).toBeLessThan(8);
  });
});
