import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildIndicator, buildTable } from '@jixiao/core/review/testing/table-factory';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../../../../', import.meta.url));
const bin = join(root, 'packages/cli/bin/jixiao.js');
const seed = join(root, 'fixtures/seed.txt');

function jixiao(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function tempJson(value: unknown): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'jixiao-check-'));
  const file = join(dir, 'table.json');
  await writeFile(file, JSON.stringify(value, null, 2));
  return file;
}

describe('jixiao check', () => {
  it('prints the seed findings like a linter and exits 1 on errors', async () => {
    const { code, stdout, stderr } = await jixiao('check', seed);
    expect(code).toBe(1);
    const lines = stdout.trim().split('\n');
    expect(lines).toHaveLength(9);
    expect(lines[0]).toMatch(/^.*fixtures\/seed\.txt:26 SH2020-C04 warning 「项目实施计划」只有套话/);
    // 信息公开实现率 → 规范, in each of the three tables, at its own line.
    const q01 = lines.filter((l) => l.includes(' SH2020-Q01 error '));
    expect(q01.map((l) => Number(/seed\.txt:(\d+) /.exec(l)?.[1]))).toEqual([63, 175, 274]);
    expect(stdout).toContain('seed.txt:285 SH2020-Q02 warning 指标名称「提升园区科创成果知名度20%」');
    // 参观人数 is first printed in a narrative (line 118); its finding belongs to its indicator row.
    expect(lines.find((l) => l.includes(' SH2020-K07 '))).toMatch(/seed\.txt:179 SH2020-K07 warning/);
    expect(stderr).toContain('3 tables, 9 findings (3 errors, 4 warnings, 2 hints)');
  });

  it('writes JSON findings with file, line, table and path', async () => {
    const { code, stdout } = await jixiao('check', seed, '--format', 'json');
    expect(code).toBe(1);
    const results = JSON.parse(stdout) as { ruleId: string; line: number; table: string; path?: string }[];
    expect(results.find((r) => r.ruleId === 'SH2020-Q02')).toMatchObject({
      line: 285,
      table: '未来公园展厅运营经费',
      path: 'indicators.12.name',
    });
  });

  it('exits 0 on a clean JSON table and compares with last year when given', async () => {
    const clean = await tempJson([buildTable()]);
    const ok = await jixiao('check', clean);
    expect(ok.code).toBe(0);
    expect(ok.stdout).toBe('');
    const last = buildTable({ year: 2019 });
    last.indicators[12] = { ...last.indicators[12]!, actual: '30000人次' };
    const compared = await jixiao('check', clean, '--previous', await tempJson(last));
    expect(compared.code).toBe(0);
    expect(compared.stdout).toMatch(
      /table\.json:\d+ SH2020-Y01 warning 指标「服务市民人次」的目标值「>=20000人次」低于上年实际完成值/,
    );
  });

  it('picks the rule set by the table framework unless one is named', async () => {
    const national = buildTable({
      indicators: [
        buildIndicator('产出指标', '数量指标', '举办科普活动场次', '>=120场'),
        buildIndicator('产出指标', '质量指标', '活动方案审核通过率', '=100%'),
        buildIndicator('产出指标', '时效指标', '活动完成时间', '2020年12月31日前'),
        buildIndicator('效益指标', '社会效益指标', '服务市民人次', '>=20000人次'),
        buildIndicator('满意度指标', '服务对象满意度指标', '参与市民满意度', '>=90%'),
      ],
    });
    const file = await tempJson(national);
    expect(await jixiao('check', file)).toMatchObject({ code: 0, stdout: '' });
    const forced = await jixiao('check', file, '--rule-set', 'shanghai-2020', '--format', 'json');
    expect(forced.code).toBe(1);
    expect((JSON.parse(forced.stdout) as { ruleId: string }[]).map((r) => r.ruleId)).toContain('SH2020-C05');
  });

  it('exits 2 when a file cannot be read or the rule set does not exist', async () => {
    expect((await jixiao('check', join(root, 'no-such-file.json'))).code).toBe(2);
    const unknown = await jixiao('check', seed, '--rule-set', 'mars-2099');
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain('review.rule_set_not_found');
  });
});
