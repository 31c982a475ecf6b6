/**
 * `npm run eval:import [corpus-dir] [--verbose]`: imports every labelled document of the corpus
 * (default ../shared/corpus beside the repository, or $JIXIAO_CORPUS) and prints, per document and in
 * total, indicator rows expected/found/matched/invented and the accuracy of each field. A second
 * section does the same for the probe set (packages/import/fixtures/probe): documents of other
 * regions and layouts written to see how the importer reads text it was not developed on. The two
 * totals stay apart so the corpus target stays visible.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { evaluateCorpus, formatReport, loadCorpus, loadLabelledFolder } from './corpus-eval.ts';

/** The corpus folder: an argument, $JIXIAO_CORPUS, or ../shared/corpus next to the repository. */
export function defaultCorpusDir(): string {
  return process.env.JIXIAO_CORPUS ?? path.resolve(import.meta.dirname, '../../../../../shared/corpus');
}

/** The probe documents kept with the importer. */
export const probeDir = path.resolve(import.meta.dirname, '../../fixtures/probe');

const args = process.argv.slice(2);
const verbose = args.includes('--verbose') || args.includes('-v');
const dir = args.find((a) => !a.startsWith('-')) ?? defaultCorpusDir();
if (!existsSync(dir)) {
  process.stderr.write(`语料目录不存在 / corpus folder not found: ${dir}\n`);
  process.exit(2);
}
const report = await evaluateCorpus(loadCorpus(dir));
process.stdout.write(`语料 / corpus (${dir})\n${formatReport(report, verbose)}\n`);
const probe = loadLabelledFolder(probeDir, 'probe');
if (probe.length > 0) {
  const probeReport = await evaluateCorpus(probe);
  process.stdout.write(`\n探测集 / probe set (${probeDir})\n${formatReport(probeReport, verbose)}\n`);
}
