/**
 * Batch import in the browser: a .zip of 50 files — the real train and dev corpus documents, a
 * few of them twice, and one note that is no form — read one after another with the batch's progress and
 * each file's result; the batch survives a reload and picking the same files again skips those done.
 */

import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseFile } from '@jixiao/import/parse-file';
import { zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type E2eSession, repoRoot, startE2e } from '../testing/e2e-harness.ts';

const train = join(repoRoot, 'packages/import/fixtures/corpus/train');
const dev = join(repoRoot, '../shared/corpus/dev');
const poll = { timeout: 15_000 };

async function corpusZip(): Promise<{ zip: Buffer; clean: string[] }> {
  // 40 real documents (dev first, then train; the corpus keeps growing), 9 copies and one non-form: 50.
  const files: Record<string, Uint8Array> = {};
  for (const dir of [dev, train]) {
    const tag = dir === train ? 'train' : 'dev';
    for (const name of (await readdir(dir)).filter((n) => n.endsWith('.txt')).sort()) {
      if (Object.keys(files).length < 40)
        files[`${tag}/${tag}-${name}`] = new Uint8Array(await readFile(join(dir, name)));
    }
  }
  // Documents the reader reads with no note are imported at once; sent again under another name, the
  // copy is a duplicate that waits for the person's choice.
  const clean: string[] = [];
  for (const [name, bytes] of Object.entries(files)) {
    const parsed = await parseFile({ name, bytes }).catch(() => null);
    const plain = parsed?.tables.every(
      (t) => t.kind !== 'self-evaluation' && !t.monitoring && t.warnings.length === 0,
    );
    if (parsed && parsed.tables.length > 0 && parsed.warnings.length === 0 && plain) clean.push(name);
  }
  expect(clean.length).toBeGreaterThan(0);
  const names = [...clean, ...Object.keys(files).filter((n) => !clean.includes(n))];
  for (const name of names.slice(0, 49 - Object.keys(files).length)) {
    files[`again/again-${name.split('/').pop()}`] = files[name] as Uint8Array;
  }
  files['说明.txt'] = new TextEncoder().encode('这只是一段普通的说明文字。\n没有表格。\n');
  expect(Object.keys(files)).toHaveLength(50);
  return { zip: Buffer.from(zipSync(files)), clean: clean.map((n) => n.split('/').pop() as string) };
}

describe('batch import in the browser', () => {
  let e2e: E2eSession;

  beforeAll(async () => {
    e2e = await startE2e();
  });
  afterAll(async () => {
    await e2e?.close();
  });

  it('reads a zip of 50 files with progress and a result for each, and resumes without reading them again', async () => {
    const { page } = e2e;
    const { zip, clean } = await corpusZip();
    await page.goto(e2e.url('/import'));
    await page.getByRole('tab', { name: '批量导入' }).click();
    const pickZip = () =>
      page
        .getByTestId('batch-import')
        .locator('input[type=file]:not([webkitdirectory])')
        .first()
        .setInputFiles({ name: '绩效目标表.zip', mimeType: 'application/zip', buffer: zip });
    let uploads = 0;
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/imports') uploads++;
    });
    await pickZip();
    const files = page.getByTestId('batch-file');
    await expect.poll(() => files.count(), poll).toBe(50);
    // Progress while it runs, then every file with its result.
    await page.getByTestId('batch-progress').waitFor();
    await e2e.screenshot('import-batch-running', page, { fullPage: false });
    await expect
      .poll(
        () =>
          page
            .locator(
              '[data-testid="batch-file"][data-status="pending"], [data-testid="batch-file"][data-status="running"]',
            )
            .count(),
        {
          timeout: 180_000,
          interval: 1_000,
        },
      )
      .toBe(0);
    expect(uploads).toBe(50);
    expect(await page.getByTestId('batch-progress').textContent()).toContain('50 / 50');
    const count = (status: string) =>
      page.locator(`[data-testid="batch-file"][data-status="${status}"]`).count();
    const imported = await count('imported');
    const waiting = await count('needs-confirmation');
    const refused = await count('refused');
    expect(imported + waiting + refused).toBe(50);
    expect(imported).toBeGreaterThan(0);
    expect(waiting).toBeGreaterThan(5);
    const note = files.filter({ hasText: '说明.txt' });
    expect(await note.getAttribute('data-status')).toBe('refused');
    expect(await note.textContent()).toContain('不是可识别的绩效目标表');
    // A document read with no note is imported; its copy waits for the choice a duplicate needs.
    const original = files.filter({ hasText: clean[0] as string }).first();
    expect(await original.getAttribute('data-status')).toBe('imported');
    const copy = files.filter({ hasText: `again-${clean[0]}` });
    expect(await copy.getAttribute('data-status')).toBe('needs-confirmation');
    expect(await copy.textContent()).toContain('已有同一项目、同一年度的目标表');
    // Every file that waits or was refused says why.
    const reasons = await page
      .locator('[data-testid="batch-file"]:not([data-status="imported"])')
      .evaluateAll((rows) => rows.map((row) => row.querySelector('.batch-reason')?.textContent ?? ''));
    expect(reasons).toHaveLength(waiting + refused);
    expect(reasons.filter((reason) => reason.trim() === '')).toEqual([]);
    const summary = await page.getByTestId('batch-summary').textContent();
    expect(summary).toContain(`已导入 ${imported}`);
    await e2e.screenshot('import-batch-done');

    // A file waiting for confirmation opens in the import page.
    const waitingFile = page.locator('[data-testid="batch-file"][data-status="needs-confirmation"]').first();
    await waitingFile.getByRole('link', { name: '去确认' }).click();
    await page.getByTestId('source-view').waitFor();

    // Back after a reload: the batch is still there; the same zip again reads nothing twice.
    await page.goto(e2e.url('/import'));
    await page.getByRole('tab', { name: '批量导入' }).click();
    await expect.poll(() => files.count(), poll).toBe(50);
    expect(await count('imported')).toBe(imported);
    const before = uploads;
    await pickZip();
    await expect.poll(() => count('imported'), poll).toBe(imported);
    await page.waitForTimeout(1_000);
    expect(uploads).toBe(before);
  });
});
