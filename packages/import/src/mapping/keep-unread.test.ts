import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppError } from '@jixiao/core/errors/app-error';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../parse-file.ts';

const train = join(import.meta.dirname, '..', '..', 'fixtures', 'corpus', 'train');

describe('parseFile with keepUnread', () => {
  it('gives the text of a form no reader recognises but that holds table rows (train/header-a-05)', async () => {
    const bytes = new Uint8Array(readFileSync(join(train, 'header-a-05.txt')));
    await expect(parseFile({ name: 'header-a-05.txt', bytes })).rejects.toMatchObject({
      code: 'import.unknown_form',
    });
    const kept = await parseFile({ name: 'header-a-05.txt', bytes }, { keepUnread: true });
    expect(kept.tables).toEqual([]);
    expect(kept.sourceText).toContain('指标类型 | 指标名称 | 指标值 | 指标描述');
    expect(kept.warnings.map((w) => w.code)).toEqual(['import.unknown_form']);
  });

  it('still refuses prose with no table in it', async () => {
    const bytes = new TextEncoder().encode('这只是一段普通的说明文字。\n没有表格。');
    const refused = await parseFile({ name: 'notes.txt', bytes }, { keepUnread: true }).catch((e) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused.code).toBe('import.unknown_form');
  });
});
