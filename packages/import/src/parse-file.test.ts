import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AppError } from '@jixiao/core/errors/app-error';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { maxImportBytes } from './decode.ts';
import { parseFile } from './parse-file.ts';

const seedPath = path.resolve(import.meta.dirname, '../../../fixtures/seed.txt');
const seed = readFileSync(seedPath, 'utf8');

async function codeOf(bytes: Uint8Array): Promise<string> {
  try {
    await parseFile({ name: 'x', bytes });
    return 'ok';
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const e = error as AppError;
    expect(e.zh.length).toBeGreaterThan(0);
    expect(e.en.length).toBeGreaterThan(0);
    return e.code;
  }
}

function utf16(text: string, endian: 'le' | 'be', bom: boolean): Uint8Array {
  const le = Buffer.from(text, 'utf16le');
  const body = endian === 'le' ? le : Buffer.from(le).swap16();
  const mark = endian === 'le' ? [0xff, 0xfe] : [0xfe, 0xff];
  return new Uint8Array(bom ? Buffer.concat([Buffer.from(mark), body]) : body);
}

describe('parseFile decoding', () => {
  const encodings: [string, Uint8Array][] = [
    ['UTF-8', new TextEncoder().encode(seed)],
    ['UTF-8 with BOM', new Uint8Array(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(seed)]))],
    ['UTF-16LE with BOM', utf16(seed, 'le', true)],
    ['UTF-16BE with BOM', utf16(seed, 'be', true)],
    ['UTF-16LE without BOM', utf16(seed, 'le', false)],
    ['GBK', new Uint8Array(iconv.encode(seed, 'gbk'))],
    ['GB18030', new Uint8Array(iconv.encode(seed, 'gb18030'))],
  ];
  for (const [label, bytes] of encodings) {
    it(`reads the seed in ${label}`, async () => {
      const parsed = await parseFile({ name: 'seed.txt', bytes });
      expect(parsed.tables.map((t) => t.name)).toEqual([
        '科创中心建设工作经费',
        '科创中心展厅运营经费',
        '未来公园展厅运营经费',
      ]);
      expect(parsed.tables.reduce((n, t) => n + t.indicators.length, 0)).toBe(47);
      expect(parsed.sourceText.replace(/^\uFEFF/, '')).toBe(seed);
    });
  }
});

describe('parseFile refuses bad input with a bilingual import.* error', () => {
  it('empty file → import.empty', async () => {
    expect(await codeOf(new Uint8Array())).toBe('import.empty');
    expect(await codeOf(new TextEncoder().encode('  \n\t \n'))).toBe('import.empty');
  });

  it('binary junk → import.binary', async () => {
    let x = 12345;
    const junk = new Uint8Array(4096).map(() => {
      x = (x * 1103515245 + 12345) % 2 ** 31;
      return x % 256;
    });
    expect(await codeOf(junk)).toBe('import.binary');
  });

  it('a file above the limit → import.too_large, before reading it', async () => {
    expect(await codeOf(new Uint8Array(maxImportBytes + 1))).toBe('import.too_large');
  });

  it('text that is no performance form → import.unknown_form', async () => {
    expect(await codeOf(new TextEncoder().encode('会议通知\n请各单位于周五前报送材料。\n'))).toBe(
      'import.unknown_form',
    );
  });

  it('a damaged Word .docx (a zip naming word/document.xml) → import.docx_corrupt with the file', async () => {
    const docx = new Uint8Array(
      Buffer.concat([
        Buffer.from([0x50, 0x4b, 0x03, 0x04]),
        Buffer.alloc(26),
        Buffer.from('word/document.xml'),
      ]),
    );
    expect(await codeOf(docx)).toBe('import.docx_corrupt');
    const error = await parseFile({ name: 'a.docx', bytes: docx }).catch((e: unknown) => e);
    expect((error as AppError).location?.file).toBe('a.docx');
  });

  it('a compound file that is neither .doc nor .xls → import.legacy_office; a password-protected Office file → import.office_encrypted', async () => {
    expect(await codeOf(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]))).toBe(
      'import.legacy_office',
    );
    const encrypted = Buffer.concat([
      Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]),
      Buffer.alloc(504),
      Buffer.from('EncryptedPackage', 'utf16le'),
    ]);
    expect(await codeOf(new Uint8Array(encrypted))).toBe('import.office_encrypted');
  });

  it('JSON with a syntax error → import.invalid_json located at its line', async () => {
    try {
      await parseFile({
        name: 'bad.json',
        bytes: new TextEncoder().encode('[\n  {"year": 2020,\n  oops\n]'),
      });
      expect.unreachable();
    } catch (error) {
      expect((error as AppError).code).toBe('import.invalid_json');
      expect((error as AppError).location?.line).toBe(3);
    }
  });
});

describe('parseFile JSON', () => {
  it('reads a text form that starts with a bracket as text, not JSON', async () => {
    const text = `[附件1]\n${seed}`;
    const parsed = await parseFile({ name: 'a.txt', bytes: new TextEncoder().encode(text) });
    expect(parsed.tables).toHaveLength(3);
  });

  it('reads the seed fixture ({ tables: [...] }) and a single table, validated by the schema', async () => {
    const json = readFileSync(path.resolve(import.meta.dirname, '../../../fixtures/seed.expected.json'));
    const parsed = await parseFile({ name: 'seed.expected.json', bytes: new Uint8Array(json) });
    expect(parsed.tables).toHaveLength(3);
    const one = JSON.stringify((JSON.parse(json.toString()) as { tables: unknown[] }).tables[0]);
    const single = await parseFile({ name: 'one.json', bytes: new TextEncoder().encode(one) });
    expect(single.tables[0]?.indicators).toHaveLength(15);
  });

  it('a table that breaks the schema → import.schema with the field path and line', async () => {
    const text =
      '[\n  {\n    "year": "2020",\n    "unit": "u",\n    "name": "n",\n    "indicators": []\n  }\n]';
    try {
      await parseFile({ name: 'bad.json', bytes: new TextEncoder().encode(text) });
      expect.unreachable();
    } catch (error) {
      const e = error as AppError;
      expect(e.code).toBe('import.schema');
      expect(e.location).toMatchObject({ path: '0.year', line: 3, column: 13 });
    }
  });
});
