import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const train = join(import.meta.dirname, '..', '..', 'fixtures', 'corpus', 'train');

/** The fixture's captions: no name column for the readers; enough known words for column mapping to see a caption row. */
export const unknownCaptions = ['类别', '事项', '目标值', '备注'];

/**
 * train/header-a-05 (a 项目库 form with no year) with its indicator captions replaced by words no reader
 * knows: a form that holds table rows, yet nothing the importer recognises — what column mapping is for.
 */
export function unrecognisedFormText(): string {
  return readFileSync(join(train, 'header-a-05.txt'), 'utf8').replace(
    '指标类型 | 指标名称 | 指标值 | 指标描述',
    unknownCaptions.join(' | '),
  );
}
