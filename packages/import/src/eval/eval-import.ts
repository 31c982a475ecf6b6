/**
 * `npm run eval:import [corpus-dir] [--verbose]`: imports every labelled document of the corpus
 * (default ../shared/corpus beside the repository, or $JIXIAO_CORPUS) and prints, per document and in
 * total, indicator rows expected/found/matched/invented and the accuracy of each field.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { evaluateCorpus, formatReport, loadCorpus } from './corpus-eval.ts';

/** The corpus folder: an argument, $JIXIAO_CORPUS, or ../shared/corpus next to the repository. */
export function defaultCorpusDir(): string {
  return process.env.JIXIAO_CORPUS ?? path.resolve(import.meta.dirname, '../../../../../shared/corpus');
}

const args = process.argv.slice(2);
const verbose = args.includes('--verbose') || args.includes('-v');
const dir = args.find((a) => !a.startsWith('-')) ?? defaultCorpusDir();
if (!existsSync(dir)) {
  process.stderr.write(`语料目录不存在 / corpus folder not found: ${dir}\n`);
  process.exit(2);
}
const report = await evaluateCorpus(loadCorpus(dir));
process.stdout.write(`${formatReport(report, verbose)}\n`);
