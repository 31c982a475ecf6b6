import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Indicator } from '@jixiao/core/tables/table.schema';
import { formatTarget } from '@jixiao/core/targets/target-grammar';
import { describe, expect, it } from 'vitest';
import { layouts, renderTable } from '../bench/generated-corpus.ts';
import { importText } from '../text/import-text.ts';
import {
  type DocumentScore,
  evaluateCorpus,
  fieldNames,
  formatOutcomes,
  type LabelledDocument,
  loadCorpus,
  loadLabelledFolder,
  outcomesOf,
  ratio,
  sumScores,
} from './corpus-eval.ts';

const corpusDir =
  process.env.JIXIAO_CORPUS ?? path.resolve(import.meta.dirname, '../../../../../shared/corpus');
const present = existsSync(corpusDir);
if (!present) {
  // Visible in the test output: the labelled corpus lives outside the repository.
  console.warn(`corpus eval skipped: ${corpusDir} not found (set JIXIAO_CORPUS to the labelled corpus)`);
}

describe.runIf(present)('importer on the labelled corpus (seed + dev)', () => {
  it('keeps the floor reached: every row matched, none invented, fields accurate', async () => {
    const report = await evaluateCorpus(loadCorpus(corpusDir));
    const t = report.total;
    expect(report.documents.length).toBeGreaterThanOrEqual(11);
    expect(report.documents.filter((d) => d.error)).toEqual([]);
    expect(t.matched / t.expected).toBeGreaterThanOrEqual(1);
    expect(t.invented).toBe(0);
    expect(ratio(t.fields.name)).toBeGreaterThanOrEqual(0.99);
    // Every field but the name (held to 0.99 above) must be read exactly.
    for (const field of fieldNames.filter((f) => f !== 'name')) {
      expect(ratio(t.fields[field]), field).toBeGreaterThanOrEqual(1);
    }
  });
});

// Cut a document anywhere: no indicator that the whole document does not hold, and a cut before the
// last indicator of a table leaves that table incomplete.
function cutAnywhere(docs: readonly LabelledDocument[]): { invented: string[]; notMarked: string[] } {
  const invented: string[] = [];
  const notMarked: string[] = [];
  for (const doc of docs) {
    const full = readFileSync(doc.file, 'utf8');
    const whole = importText(full).tables;
    const names = new Set(whole.flatMap((t) => t.indicators.map((i) => i.name)));
    for (let cut = 200; cut < full.length - 5; cut += 37) {
      const tables = importText(full.slice(0, cut)).tables;
      // A name wrapped over two lines and cut between them is a truncated name, not an invented one.
      const known = (name: string) => names.has(name) || [...names].some((n) => n.startsWith(name));
      for (const t of tables)
        for (const i of t.indicators) if (!known(i.name)) invented.push(`${doc.id}@${cut}: ${i.name}`);
      const lastWhole = whole[tables.length - 1]?.indicators.at(-1)?.name ?? '';
      const readAll = tables.at(-1)?.indicators.at(-1)?.name === lastWhole;
      if (!readAll && tables.length > 0 && tables.at(-1)?.incomplete !== true)
        notMarked.push(`${doc.id}@${cut}`);
    }
  }
  return { invented, notMarked };
}

describe.runIf(present)('importer on labelled documents cut anywhere', () => {
  it('invents no indicator and marks the table incomplete when the cut falls inside it', () => {
    expect(cutAnywhere(loadCorpus(corpusDir))).toEqual({ invented: [], notMarked: [] });
  });
});

// Every table read back the same after rendering it in each generated layout.
function relaidOut(docs: readonly LabelledDocument[]): string[] {
  const differences: string[] = [];
  const row = (i: Indicator) =>
    [
      i.level1,
      i.level2,
      i.name,
      i.target.operator,
      i.target.value,
      i.target.unit,
      i.actual,
      i.weight,
      i.score,
    ].join('/');
  for (const doc of docs) {
    importText(readFileSync(doc.file, 'utf8')).tables.forEach((table, n) => {
      if (table.indicators.length === 0) return;
      // Targets in their canonical text: split cells (`≥ | 95 | %`) become one cell in the new layout.
      const canonical = {
        ...table,
        indicators: table.indicators.map((i) => ({
          ...i,
          target: { ...i.target, raw: formatTarget(i.target) || '/' },
        })),
      };
      for (const layout of layouts) {
        const back = importText(renderTable(canonical, layout, n)).tables[0];
        const want = table.indicators.map(row).join('\n');
        const got = (back?.indicators ?? []).map(row).join('\n');
        if (want !== got) differences.push(`${doc.id} table ${n} as ${layout}:\n${want}\n≠\n${got}`);
      }
    });
  }
  return differences;
}

describe.runIf(present)('importer on labelled documents re-laid out', () => {
  it('reads every table of seed and dev back the same from rows, pipe cells, markdown and paragraphs', () => {
    expect(relaidOut(loadCorpus(corpusDir))).toEqual([]);
  });
});

// The probe set (other regions and layouts, kept with the importer): always present.
const probe = loadLabelledFolder(path.resolve(import.meta.dirname, '../../fixtures/probe'), 'probe');

describe('importer on the probe set', () => {
  it('matches every labelled row and invents none', async () => {
    const report = await evaluateCorpus(probe);
    expect(probe.length).toBeGreaterThanOrEqual(8);
    expect(report.documents.filter((d) => d.error)).toEqual([]);
    expect(report.total.invented).toBe(0);
    expect(report.total.matched).toBe(report.total.expected);
  });

  it('invents no indicator when a probe document is cut anywhere', () => {
    expect(cutAnywhere(probe)).toEqual({ invented: [], notMarked: [] });
  });

  it('reads every probe table back the same in every generated layout', () => {
    expect(relaidOut(probe)).toEqual([]);
  });
});

// The grown real corpus (fixtures/corpus): the floors reached, so that a change that reads fewer rows or
// invents more on either split fails. The test split's floor is a measurement, never a target for rules.
const grown = path.resolve(import.meta.dirname, '../../fixtures/corpus');

describe('importer on the grown real corpus', () => {
  it('keeps the train split at or above its floor', async () => {
    const report = await evaluateCorpus(loadLabelledFolder(path.join(grown, 'train'), 'train'));
    expect(report.documents.length).toBeGreaterThanOrEqual(88);
    // 0.965, down from 0.972: the corpus9 batch's train documents (7 rows: 4 read at intake); 0.973 once
    // the bare counts under a blank unit column are read (367 of 377).
    expect(report.total.matched / report.total.expected).toBeGreaterThanOrEqual(0.973);
    // Among them a corpus5 row printed with a name and no value of its own (its target cell merged with
    // the row above), which the reader keeps and marks for a person to confirm. (The corpus6 batch's form
    // laid out across, indicators as column heads, gave three more at intake; level-1 labels side by side
    // are now read as column heads, and none is invented.) 11: the corpus8 batch's train documents gave
    // 13 at intake (results stated in report prose, the column captions and word values of a form with
    // half-year and full-year value columns, a score sheet's criterion); results stated in a report are
    // no longer read as targets, nor the year a report's sentence opens with.
    // 11 again: the corpus9 batch's department-wide table, whose rows run into their scoring standard, gave
    // 7 at intake (all marked); the standard's clauses are no longer read as rows.
    expect(report.total.invented).toBeLessThanOrEqual(11);
    // Invented rows nobody is asked to look at: the row constraints (row-doubts.ts) mark them all but the
    // corpus8 batch's three of the half-year/full-year form (its score-sheet criterion is now marked).
    expect(report.total.invented - report.total.inventedFlagged).toBeLessThanOrEqual(3);
    // Read rows marked all the same: each costs the person confirming the import a look (89 of 360; 0.237,
    // up from 0.23, since the corpus8 batch's rows read in prose and in a one-cell-per-paragraph form are
    // marked at intake; 0.248 since five more rows are read from running text, where every row is marked).
    // 0.256 (93 of 364) with the corpus9 batch's four rows read from running text; 0.262 (96 of 367) with the
    // three bare counts of a department-wide form run together under a blank unit column.
    expect(report.total.matchedFlagged / report.total.matched).toBeLessThanOrEqual(0.262);
  });

  it('keeps the frozen test split at or above its floor', async () => {
    const report = await evaluateCorpus(loadLabelledFolder(path.join(grown, 'test'), 'test'));
    expect(report.documents.length).toBeGreaterThanOrEqual(71);
    // 0.678, 32 and 19, down from 0.692, 25 and 17: the corpus5 batch added seven documents never read
    // before (25 rows: 15 read, 7 invented, measured at intake before any rule changed); no rule is
    // written against them. 33, up from 32: the corpus6 batch added nine more (7 rows: 5 read, 1 invented
    // and marked, at intake). 0.676, down from 0.678: the corpus8 batch added five (11 rows: none read,
    // none invented, at intake).
    expect(report.total.matched / report.total.expected).toBeGreaterThanOrEqual(0.676);
    // 32 since results stated in a report's prose are no longer read as targets.
    // 37: the corpus9 batch added eleven documents (16 rows: 12 read, 5 invented, at intake).
    expect(report.total.invented).toBeLessThanOrEqual(37);
    // 9 unmarked since the row constraints ask for a value, a name that reads as one and a target that does.
    expect(report.total.invented - report.total.inventedFlagged).toBeLessThanOrEqual(9);
  });
});

describe('outcomesOf', () => {
  const doc = (expected: number, matched: number, invented = 0, error?: string) =>
    ({
      ...sumScores('d', []),
      expected,
      found: matched + invented,
      matched,
      invented,
      error,
    }) satisfies DocumentScore;

  it('sorts documents by how much of them was read and counts the rows each kind lost', () => {
    const o = outcomesOf([
      doc(5, 5),
      doc(4, 1, 2),
      doc(3, 0),
      doc(6, 0, 0, 'import.unknown_form'),
      doc(0, 0, 3),
      doc(0, 0),
    ]);
    expect(o).toEqual({
      allRead: 1,
      someRead: 1,
      noneRead: 1,
      refused: 1,
      noRowsExpected: 2,
      rowsMissed: { someRead: 3, noneRead: 3, refused: 6 },
      withInvented: 2,
      rowlessWithInvented: { documents: 1, rows: 3 },
    });
    expect(formatOutcomes(o)).toContain('some 部分 1 (3 rows missed)');
  });
});
