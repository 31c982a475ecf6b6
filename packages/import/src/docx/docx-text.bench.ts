import { officialLayout } from '@jixiao/core/export/official-layout';
import { layoutToDocx } from '@jixiao/export/layout-docx';
import { seedTables } from '@jixiao/export/testing/export-fixtures';
import { pairedMedians } from '@jixiao/export/testing/paired-median';
import { unzipSync } from 'fflate';
import type { BenchResult } from '../../../../scripts/bench-kit.ts';
import { parseFile } from '../parse-file.ts';
import { extractDocxText } from './docx-text.ts';

/**
 * Reading a Word document back against the floor of unzipping it: the text of the 3-seed .docx (and the
 * whole parseFile, text importer included) against inflating every part of the same file and decoding
 * word/document.xml as a string.
 */
export default async function docxTextBench(): Promise<BenchResult[]> {
  const bytes = new Uint8Array(await layoutToDocx(seedTables().map((t) => officialLayout(t, 'zh'))));
  const inflate = () => {
    const part = unzipSync(bytes)['word/document.xml'];
    return new TextDecoder().decode(part);
  };
  const { work: text, baseline: unzip } = await pairedMedians(() => extractDocxText(bytes), inflate, 40);
  const { work: parsed, baseline: unzip2 } = await pairedMedians(
    () => parseFile({ name: 'seed.docx', bytes }),
    inflate,
    40,
  );
  return [
    {
      name: 'extractDocxText of the 3-table seed .docx',
      baseline: 'unzipping the same file and decoding word/document.xml',
      ratio: text / unzip,
      goal: 10,
      detail: `${text.toFixed(2)} ms vs ${unzip.toFixed(2)} ms, ${bytes.byteLength} bytes`,
    },
    {
      name: 'parseFile of the 3-table seed .docx (text importer included)',
      baseline: 'unzipping the same file and decoding word/document.xml',
      ratio: parsed / unzip2,
      goal: 20,
      detail: `${parsed.toFixed(2)} ms vs ${unzip2.toFixed(2)} ms`,
    },
  ];
}
