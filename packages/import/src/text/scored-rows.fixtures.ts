import path from 'node:path';
import { type ExpectedIndicator, loadLabelledFolder } from '../eval/corpus-eval.ts';

// The labelled self-evaluation rows that re-laid layouts are read back from: train split, shared dev set,
// probe set — never the test split. A row qualifies with a weight, a score, an actual and a figure under a
// national level 1 and a level 2, and a plain name (no digits or cell marks that a layout would confuse).

const fixtures = path.resolve(import.meta.dirname, '../../fixtures');
const folders: [string, string][] = [
  [path.join(fixtures, 'corpus/train'), 'train'],
  [path.resolve(import.meta.dirname, '../../../../../shared/corpus/dev'), 'dev'],
  [path.join(fixtures, 'probe'), 'probe'],
];
const LEVEL1 = /^(产出|效益|满意度|成本)指标$/;

export interface ScoredTable {
  name: string;
  rows: ExpectedIndicator[];
}

/** Each labelled table's qualifying rows (those `keep` also accepts), where at least two qualify. */
export function labelledScoredTables(keep: (row: ExpectedIndicator) => boolean = () => true): ScoredTable[] {
  return folders
    .flatMap(([dir, prefix]) => loadLabelledFolder(dir, prefix))
    .flatMap((doc) => doc.tables)
    .map((t) => ({
      name: t.name ?? '某项目',
      rows: t.indicators.filter(
        (i) =>
          typeof i.weight === 'number' &&
          typeof i.score === 'number' &&
          !!i.actual &&
          i.value !== null &&
          LEVEL1.test(i.level1 ?? '') &&
          !!i.level2 &&
          !/\d/.test(i.name) &&
          i.name.length >= 2 &&
          !/[|;；。:：]/.test(i.name) &&
          keep(i),
      ),
    }))
    .filter((t) => t.rows.length >= 2);
}
