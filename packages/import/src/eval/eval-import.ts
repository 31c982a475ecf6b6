/**
 * `npm run eval:import [corpus-dir] [--verbose] [--show-test]`: imports every labelled document and prints,
 * per document and in total, indicator rows expected/found/matched/invented and the accuracy of each field,
 * in separate sections that are never added together:
 * - the shared corpus (seed + dev, ../shared/corpus beside the repository or $JIXIAO_CORPUS);
 * - the grown real corpus's train split (packages/import/fixtures/corpus/train), which rules may be written on;
 * - its frozen test split (…/corpus/test), the figure to quote: no rule is written against it, so it
 *   prints totals only (in all and per kind); its documents and misses are listed only with --show-test;
 * - the probe set (packages/import/fixtures/probe), documents written to probe layouts.
 * Each section ends with a line per document kind.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import {
  type CorpusReport,
  documentKind,
  evaluateCorpus,
  formatOutcomes,
  formatReport,
  type LabelledDocument,
  loadCorpus,
  loadLabelledFolder,
  outcomesOf,
  sumScores,
} from './corpus-eval.ts';

/** The corpus folder: an argument, $JIXIAO_CORPUS, or ../shared/corpus next to the repository. */
export function defaultCorpusDir(): string {
  return process.env.JIXIAO_CORPUS ?? path.resolve(import.meta.dirname, '../../../../../shared/corpus');
}

/** The probe documents kept with the importer. */
export const probeDir = path.resolve(import.meta.dirname, '../../fixtures/probe');

/** The grown real corpus, split into train and the frozen test (see corpus-split.ts). */
export const grownCorpusDir = path.resolve(import.meta.dirname, '../../fixtures/corpus');

const args = process.argv.slice(2);
const verbose = args.includes('--verbose') || args.includes('-v');
const showTest = args.includes('--show-test');
const dir = args.find((a) => !a.startsWith('-')) ?? defaultCorpusDir();

function byKind(docs: readonly LabelledDocument[], report: CorpusReport): string {
  const kinds = [...new Set(docs.map(documentKind))].sort();
  const lines = kinds.map((kind) => {
    const scores = report.documents.filter((_, n) => docs[n] && documentKind(docs[n]) === kind);
    const t = sumScores(kind, scores);
    const pct = ((t.matched / Math.max(1, t.expected)) * 100).toFixed(1);
    return `  ${kind.padEnd(16)} ${String(scores.length).padStart(3)} documents  rows ${t.matched}/${t.expected} (${pct}%), invented ${t.invented}`;
  });
  return ['per kind:', ...lines].join('\n');
}

async function section(
  title: string,
  docs: LabelledDocument[],
  showMisses: boolean,
  perDocument = true,
): Promise<void> {
  if (docs.length === 0) return;
  const report = await evaluateCorpus(docs);
  const text = formatReport(report, showMisses, { perDocument });
  process.stdout.write(
    `\n${title}\n${text}\n${formatOutcomes(outcomesOf(report.documents))}\n${byKind(docs, report)}\n`,
  );
}

if (existsSync(dir)) await section(`语料 / shared corpus (${dir})`, loadCorpus(dir), verbose);
else process.stderr.write(`语料目录不存在 / shared corpus folder not found: ${dir}\n`);
await section(
  '增长语料·训练 / grown corpus, train split',
  loadLabelledFolder(path.join(grownCorpusDir, 'train'), 'train'),
  verbose,
);
await section(
  '增长语料·测试（冻结）/ grown corpus, frozen test split',
  loadLabelledFolder(path.join(grownCorpusDir, 'test'), 'test'),
  verbose && showTest,
  showTest,
);
await section('探测集 / probe set', loadLabelledFolder(probeDir, 'probe'), verbose);
