// Word 97 documents for tests: no .doc writer exists in npm, so tests build the binary file themselves.

import * as XLSX from '@e965/xlsx';
/** A paragraph, or a table row given as its cells' texts. */
export type Block = string | string[];

const TEXT_AT = 0x400;
const PAGE = 512;
const PARAGRAPHS_PER_PAGE = 20;

/**
 * A minimal Word 97 binary document (MS-DOC) in an OLE compound file, as Word lays one out: a FIB in
 * the WordDocument stream, the text as one UTF-16 piece, the piece table (Clx) and the paragraph
 * property pages (PlcBtePapx → PAPX FKPs) in the 1Table stream. Cells end with the cell mark 0x07 and a
 * row with a row-end mark in a paragraph whose properties say it ends a table row (sprmPFTtp), which
 * is how word-extractor finds rows. No .doc writer exists in npm and none is installed here, so the
 * reader is tested on this file; a sample saved by Word is still to be added.
 */
export function buildDoc(blocks: Block[]): Uint8Array {
  // Paragraphs: [text including its mark, ends a table row?]
  const paragraphs: [string, boolean][] = [];
  for (const block of blocks) {
    if (typeof block === 'string') paragraphs.push([`${block}\r`, false]);
    else {
      for (const cell of block) paragraphs.push([`${cell}\x07`, false]);
      paragraphs.push(['\x07', true]);
    }
  }
  const text = Buffer.from(paragraphs.map(([t]) => t).join(''), 'utf16le');
  const pages = Math.ceil(paragraphs.length / PARAGRAPHS_PER_PAGE);
  const firstPage = Math.ceil((TEXT_AT + text.length) / PAGE);
  const word = Buffer.alloc((firstPage + pages) * PAGE);
  word.writeUInt16LE(0xa5ec, 0); // wIdent
  word.writeUInt16LE(0x00c1, 2); // nFib: Word 97
  word.writeUInt16LE(0x0200, 0x0a); // fWhichTblStm: the 1Table stream
  word.writeUInt32LE(TEXT_AT, 0x18); // fcMin
  word.writeUInt32LE(TEXT_AT + text.length, 0x1c); // fcMac
  word.writeUInt32LE(text.length / 2, 0x4c); // ccpText
  text.copy(word, TEXT_AT);

  const table: Buffer[] = [];
  // Clx: one Pcd covering the text, Unicode (fc without the compressed flag).
  const clx = Buffer.alloc(1 + 4 + 16);
  clx.writeUInt8(2, 0);
  clx.writeUInt32LE(16, 1);
  clx.writeUInt32LE(0, 5);
  clx.writeUInt32LE(text.length / 2, 9);
  clx.writeUInt32LE(TEXT_AT, 15);
  table.push(clx);
  word.writeUInt32LE(0, 0x1a2); // fcClx
  word.writeUInt32LE(clx.length, 0x1a6); // lcbClx

  // One FKP page per PARAGRAPHS_PER_PAGE paragraphs; every paragraph points at a PAPX (istd 0), the
  // row-end ones at a PAPX holding sprmPFTtp = 1.
  const fcs: number[] = [];
  const pns: number[] = [];
  let fc = TEXT_AT;
  for (let page = 0; page < pages; page++) {
    const fkp = word.subarray((firstPage + page) * PAGE, (firstPage + page + 1) * PAGE);
    const slice = paragraphs.slice(page * PARAGRAPHS_PER_PAGE, (page + 1) * PARAGRAPHS_PER_PAGE);
    fcs.push(fc);
    pns.push(firstPage + page);
    const plainAt = 480;
    const rowEndAt = 488;
    Buffer.from([0, 1, 0, 0]).copy(fkp, plainAt);
    Buffer.from([0, 3, 0, 0, 0x17, 0x24, 1, 0]).copy(fkp, rowEndAt);
    slice.forEach(([t, rowEnd], i) => {
      fkp.writeUInt32LE(fc, i * 4);
      fc += t.length * 2;
      fkp.writeUInt8((rowEnd ? rowEndAt : plainAt) / 2, (slice.length + 1) * 4 + i * 13);
    });
    fkp.writeUInt32LE(fc, slice.length * 4);
    fkp.writeUInt8(slice.length, 511);
  }
  const plcBtePapx = Buffer.alloc(fcs.length * 8 + 4);
  for (const [i, f] of [...fcs, fc].entries()) plcBtePapx.writeUInt32LE(f, i * 4);
  for (const [i, pn] of pns.entries()) plcBtePapx.writeUInt32LE(pn, (fcs.length + 1) * 4 + i * 4);
  word.writeUInt32LE(clx.length, 0x102); // fcPlcfBtePapx
  word.writeUInt32LE(plcBtePapx.length, 0x106); // lcbPlcfBtePapx
  table.push(plcBtePapx);

  const cfb = XLSX.CFB.utils.cfb_new();
  XLSX.CFB.utils.cfb_add(cfb, '/WordDocument', word);
  XLSX.CFB.utils.cfb_add(cfb, '/1Table', Buffer.concat(table));
  return new Uint8Array(XLSX.CFB.write(cfb, { type: 'buffer' }) as Buffer);
}

/** What a Word document's paragraphs and table rows are, read from the .docx reader's lines. */
export function blocksOf(docxText: string): Block[] {
  return docxText
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => (line.includes('\t') ? line.split('\t') : line));
}
