import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { officialLayout } from '@jixiao/core/export/official-layout';
import { type PerformanceTable, performanceTableSchema } from '@jixiao/core/tables/table.schema';
import { parseTarget } from '@jixiao/core/targets/target-grammar';
import { layoutToDocx } from '@jixiao/export/layout-docx';
import { seedTables } from '@jixiao/export/testing/export-fixtures';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../../..');
const bin = path.join(root, 'packages/cli/bin/jixiao.js');
const seed = path.join(root, 'fixtures/seed.txt');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

// The CLI as a user runs it: a child process on real files.
function jixiao(args: string[], stdin?: string): Promise<Run> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
    if (stdin !== undefined) child.stdin?.end(stdin);
    else child.stdin?.end();
  });
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'jixiao-cli-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('jixiao import', () => {
  it('prints the seed as a JSON array of three tables and exits 0', async () => {
    const run = await jixiao(['import', seed]);
    expect(run.code).toBe(0);
    const tables = JSON.parse(run.stdout) as { name: string; indicators: unknown[] }[];
    expect(tables.map((t) => t.name)).toEqual([
      '科创中心建设工作经费',
      '科创中心展厅运营经费',
      '未来公园展厅运营经费',
    ]);
    expect(tables.reduce((n, t) => n + t.indicators.length, 0)).toBe(47);
  });

  it('reads stdin (-), writes warnings on stderr as file:line:col, and a table with --format table', async () => {
    const cut =
      '项目支出绩效目标表\n(2022年度)\n项目名称 学校维修\n一级指标 二级指标 三级指标 指标值\n产出指标 数量指标 维修校舍 ≥3栋\n指标1:粉刷 ≥2栋\n效益指标 社会效益指标 受益';
    const run = await jixiao(['import', '-', '--format', 'table'], cut);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('维修校舍');
    expect(run.stdout).toContain('≥3栋');
    expect(run.stderr).toMatch(/^-:6:1 warning import\.template_in_name /m);
    expect(run.stderr).toMatch(/^-:7 warning import\.truncated /m);
  });

  it('exits non-zero with a bilingual located error for unreadable input, and goes on with the others', async () => {
    const empty = path.join(dir, 'empty.txt');
    await writeFile(empty, '');
    const run = await jixiao(['import', empty, seed]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(`${empty} error import.empty 文件为空`);
    expect(run.stderr).toContain('The file is empty');
    expect((JSON.parse(run.stdout) as unknown[]).length).toBe(3);
  });

  it('refuses a 50 MB file without reading it, with a bilingual error', async () => {
    const big = path.join(dir, 'big.txt');
    await writeFile(big, '');
    await truncate(big, 50 * 1024 * 1024);
    const run = await jixiao(['import', big]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('cli.input_too_large');
    expect(run.stderr).toContain('MiB');
  });

  it('imports a Word .docx exported from the seed back to the seed tables', async () => {
    const docx = path.join(dir, '绩效目标表.docx');
    await writeFile(docx, await layoutToDocx(seedTables().map((t) => officialLayout(t, 'zh'))));
    const run = await jixiao(['import', docx]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual(seedTables());
    const damaged = path.join(dir, 'damaged.docx');
    await writeFile(
      damaged,
      Buffer.concat([Buffer.from('PK\u0003\u0004'), Buffer.alloc(26), Buffer.from('word/')]),
    );
    const bad = await jixiao(['import', damaged]);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(`${damaged} error import.docx_corrupt`);
    expect(bad.stderr).toContain('Word');
  });

  it('writes one JSON file per input with --out', async () => {
    const out = path.join(dir, 'out');
    const run = await jixiao(['import', seed, '--out', out]);
    expect(run.code).toBe(0);
    const tables = JSON.parse(await readFile(path.join(out, 'seed.json'), 'utf8')) as unknown[];
    expect(tables).toHaveLength(3);
  });
});

describe('jixiao import of a monitoring form (绩效运行监控表)', () => {
  const form = [
    '2024年度项目支出绩效运行监控表',
    '（截至2024年7月31日）',
    '项目名称\t社区卫生服务中心设备购置\t\t',
    '主管部门\t某区卫生健康委员会\t实施单位\t某街道社区卫生服务中心',
    '项目资金（万元）\t年度预算数\t1-7月执行数\t执行率',
    '\t300.00\t96.00\t32%',
    '一级指标\t二级指标\t三级指标\t年度指标值\t1-7月完成情况\t全年预计完成情况\t完成目标可能性\t偏差原因分析\t改进措施',
    '产出指标\t数量指标\t购置医疗设备台数\t≥12台\t4台\t12台\t有可能\t招标流程延长\t加快合同签订和到货验收',
    '\t质量指标\t设备验收合格率\t100%\t100%\t100%\t确定能\t\t',
    '满意度指标\t服务对象满意度指标\t就诊居民满意度\t≥90%\t暂未开展调查\t90%\t有可能\t调查安排在四季度\t按计划组织满意度调查',
  ].join('\n');

  it('prints the form’s cut-off month, money spent and each indicator’s progress in the JSON', async () => {
    const file = path.join(dir, '设备购置-监控表.txt');
    await writeFile(file, form);
    const run = await jixiao(['import', file]);
    expect(run.code).toBe(0);
    const [table] = JSON.parse(run.stdout) as PerformanceTable[];
    expect(table?.monitoring).toMatchObject({ cutOffMonth: 7, executed: 960_000 });
    expect(table?.budget.currentYear).toBe(3_000_000);
    expect(table?.indicators[0]?.progress).toEqual({
      value: '4台',
      expectedValue: '12台',
      likelihood: '有可能',
      cause: '招标流程延长',
      measure: '加快合同签订和到货验收',
    });
    const asTable = await jixiao(['import', file, '--format', 'table']);
    expect(asTable.stdout).toContain('完成情况 progress');
    expect(asTable.stdout).toMatch(/购置医疗设备台数.*≥12台.*4台.*12台.*有可能/);
  });

  it('passes a monitoring form given as JSON through with its monitoring and progress', async () => {
    const table = performanceTableSchema.parse({
      year: 2024,
      unit: '某街道社区卫生服务中心',
      name: '社区卫生服务中心设备购置',
      budget: { currentYear: 3_000_000 },
      monitoring: { cutOffMonth: 7, executed: 960_000, expectedExecuted: 3_000_000 },
      indicators: [
        {
          level1: '产出指标',
          level2: '数量指标',
          name: '购置医疗设备台数',
          target: parseTarget('≥12台'),
          progress: { value: '4台', expectedValue: '12台', likelihood: '有可能', cause: null, measure: null },
        },
      ],
    });
    const file = path.join(dir, 'monitoring.json');
    await writeFile(file, JSON.stringify([table]));
    const run = await jixiao(['import', file]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([table]);
  });
});

describe('jixiao validate', () => {
  it('accepts valid tables and reports schema problems with file:line:col and field path', async () => {
    const good = path.join(dir, 'good.json');
    await writeFile(good, JSON.stringify([{ year: 2020, unit: 'u', name: 'n', indicators: [] }]));
    const bad = path.join(dir, 'bad.json');
    await writeFile(
      bad,
      '[\n  {\n    "year": 2020,\n    "unit": "",\n    "name": "n",\n    "indicators": []\n  }\n]\n',
    );
    const ok = await jixiao(['validate', good]);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('ok');
    const run = await jixiao(['validate', bad]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(
      new RegExp(
        `^${bad.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:4:13 error import\\.schema .*\\(0\\.unit\\)$`,
        'm',
      ),
    );
  });

  it('--help lists the commands', async () => {
    const run = await jixiao(['--help']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('import');
    expect(run.stdout).toContain('validate');
  });
});
