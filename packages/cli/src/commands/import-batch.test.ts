import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../../../..');
const bin = path.join(root, 'packages/cli/bin/jixiao.js');
const train = path.join(root, 'packages/import/fixtures/corpus/train');
const documents = ['north-07.txt', 'selfeval-01.txt', 'topic-d-04.txt', 'header-a-03.txt'];

function jixiao(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = execFile(process.execPath, [bin, ...args], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? (typeof error.code === 'number' ? error.code : 1) : 0, stdout, stderr });
    });
    child.stdin?.end();
  });
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'jixiao-batch-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('jixiao import on a .zip or a folder (batch)', () => {
  it('reads every document of a zip, says what became of each, and resumes where it stopped', async () => {
    const files: Record<string, Uint8Array> = {};
    for (const name of documents)
      files[`表/${name}`] = new Uint8Array(await readFile(path.join(train, name)));
    files['表/说明.txt'] = new TextEncoder().encode('这只是一段普通的说明文字。\n没有表格。\n');
    files['表/照片.jpg'] = new Uint8Array([1, 2, 3]);
    const zip = path.join(dir, '绩效表.zip');
    await writeFile(zip, zipSync(files));
    const out = path.join(dir, 'out');

    const first = await jixiao(['import', zip, '--out', out, '--no-progress']);
    // One refused input makes the run exit 1; the others are written all the same.
    expect(first.code).toBe(1);
    expect((await readdir(out)).sort()).toEqual(documents.map((d) => d.replace('.txt', '.json')).sort());
    expect(first.stderr).toContain(`已拒绝 refused: ${zip}/表/说明.txt — `);
    expect(first.stderr).toMatch(/5 个文件：已读取 \d，待确认 \d，已拒绝 1 \/ 5 files/);
    // Each file that waits says why: a 自评表 fills another table's self-evaluation, others by their notes.
    const waiting = first.stderr.split('\n').filter((line) => line.startsWith('待确认 to confirm: '));
    expect(waiting.length).toBeGreaterThan(0);
    for (const line of waiting) expect(line).toMatch(/\.txt — \S.* \/ \S/);
    expect(first.stderr).toContain(`待确认 to confirm: ${zip}/表/selfeval-01.txt — 绩效自评表：需确认`);
    const topic = JSON.parse(await readFile(path.join(out, 'topic-d-04.json'), 'utf8'));
    expect(topic.at(-1).indicators.length).toBeGreaterThan(0);

    // Interrupted after the first three: --resume reads only what has no result yet.
    await rm(path.join(out, 'topic-d-04.json'));
    const again = await jixiao(['import', zip, '--out', out, '--resume', '--no-progress']);
    expect(again.stderr).toMatch(/5 个文件：.*，此前已完成 3/);
    expect(again.stderr).not.toContain('north-07.txt');
    expect((await readdir(out)).length).toBe(4);
  });

  it('reads a folder of documents the same way', async () => {
    const folder = path.join(dir, 'folder');
    await mkdir(folder);
    for (const name of documents.slice(0, 2)) {
      await writeFile(path.join(folder, name), await readFile(path.join(train, name)));
    }
    const run = await jixiao(['import', folder, '--no-progress']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).length).toBeGreaterThanOrEqual(2);
    expect(run.stderr).toMatch(/2 个文件：已读取 \d，待确认 \d，已拒绝 0/);
  });
});
