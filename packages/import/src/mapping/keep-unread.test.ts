import { AppError } from '@jixiao/core/errors/app-error';
import { describe, expect, it } from 'vitest';
import { parseFile } from '../parse-file.ts';
import { unknownCaptions, unrecognisedFormText } from './unrecognised-form.fixtures.ts';

describe('parseFile with keepUnread', () => {
  it('gives the text of a form no reader recognises but that holds table rows', async () => {
    const bytes = new TextEncoder().encode(unrecognisedFormText());
    await expect(parseFile({ name: 'header-a-05.txt', bytes })).rejects.toMatchObject({
      code: 'import.unknown_form',
    });
    const kept = await parseFile({ name: 'header-a-05.txt', bytes }, { keepUnread: true });
    expect(kept.tables).toEqual([]);
    expect(kept.sourceText).toContain(unknownCaptions.join(' | '));
    expect(kept.warnings.map((w) => w.code)).toEqual(['import.unknown_form']);
  });

  it('still refuses prose with no table in it', async () => {
    const bytes = new TextEncoder().encode('这只是一段普通的说明文字。\n没有表格。');
    const refused = await parseFile({ name: 'notes.txt', bytes }, { keepUnread: true }).catch((e) => e);
    expect(refused).toBeInstanceOf(AppError);
    expect(refused.code).toBe('import.unknown_form');
  });
});
