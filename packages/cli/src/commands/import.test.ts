import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { officialLayout } from '@jixiao/core/export/official-layout';
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
