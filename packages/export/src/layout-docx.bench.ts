import { officialLayout } from '@jixiao/core/export/official-layout';
import { Document, Packer, Paragraph, Table, TableCell, TableRow } from 'docx';
import type { BenchResult } from '../../../scripts/bench-kit.ts';
import { layoutToDocx } from './layout-docx.ts';
import { seedTables } from './testing/export-fixtures.ts';
import { pairedMedians } from './testing/paired-median.ts';

/** The same cell texts as one bare Word table with default styles: what docx costs without the form. */
function bareDocument(rows: string[][]): Promise<Buffer> {
  const table = new Table({
    rows: rows.map(
      (row) =>
        new TableRow({ children: row.map((text) => new TableCell({ children: [new Paragraph(text)] })) }),
    ),
  });
  return Packer.toBuffer(new Document({ sections: [{ children: [table] }] }));
}

/** The Word export of the three seed forms against the docx package writing the same texts as a bare table. */
export default async function layoutDocxBench(): Promise<BenchResult[]> {
  const layouts = seedTables().map((t) => officialLayout(t, 'zh'));
  const rows = layouts.flatMap((l) => [
    ...[...l.header, ...l.narratives, ...l.money.rows].map((r) => r.map((c) => c.text)),
    ...l.grid.rows.map((r) => r.cells.map((c) => c.text)),
  ]);
  const { work, baseline } = await pairedMedians(
    () => layoutToDocx(layouts),
    () => bareDocument(rows),
    15,
  );
  return [
    {
      name: 'official-layout .docx of the 3 seed tables',
      baseline: 'docx writing the same texts as one bare table',
      ratio: work / baseline,
      goal: 3,
      detail: `${work.toFixed(1)} ms vs ${baseline.toFixed(1)} ms`,
    },
  ];
}
