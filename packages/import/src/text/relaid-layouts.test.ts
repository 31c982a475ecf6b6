import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Indicator, PerformanceTable } from '@jixiao/core/tables/table.schema';
import { formatTarget, parseTarget } from '@jixiao/core/targets/target-grammar';
import fc from 'fast-check';
import * as opencc from 'opencc-js/cn2t';
import { describe, expect, it } from 'vitest';
import { type ExpectedTable, loadLabelledFolder } from '../eval/corpus-eval.ts';
import { importText } from './import-text.ts';

// Every labelled table re-laid in the shapes real pages take — the borders lost (one run of text), targets
// written as prose, extra columns (指标值类型, 计量单位, 指标解释), traditional characters — must read back
// with the same levels, names and targets. The tables are the probe documents as the importer reads them
// (those read exactly against their labels, so they are the labels in canonical form).

const probeDir = path.resolve(import.meta.dirname, '../../fixtures/probe');
const toTraditional = opencc.Converter({ from: 'cn', to: 'tw' });

type Relayout =
  | 'fused'
  | 'prose'
  | 'extra-columns'
  | 'traditional'
  | 'pdf-order'
  | 'preview pages'
  | 'no caption row'
  | 'other signs'
  | 'letter-spaced level 1'
  | 'page footer inside'
  | 'full-width figures'
  | 'html entities'
  | 'extra columns, no caption row'
  | 'extra columns shuffled'
  | 'extra columns shuffled, no caption row'
  | 'extra columns, unknown captions';
const LAYOUTS: Relayout[] = [
  'extra columns, no caption row',
  'extra columns shuffled',
  'extra columns shuffled, no caption row',
  'extra columns, unknown captions',
  'fused',
  'prose',
  'extra-columns',
  'traditional',
  'pdf-order',
  'preview pages',
  'no caption row',
  'other signs',
  'letter-spaced level 1',
  'page footer inside',
  'full-width figures',
  'html entities',
];

/** The ways forms write "at least": ≥ as a compatibility form, full-width, or in words. */
const atLeastSpellings = [
  (rest: string) => `≧${rest}`,
  (rest: string) => `＞＝${rest}`,
  (rest: string) => `不低于${rest}`,
  (rest: string) => `大于等于${rest}`,
];

/** A target text that ends itself in running text: an operator, a percentage or a date. */
function selfDelimiting(i: Indicator): boolean {
  const t = i.target;
  return (
    (t.kind === 'quantitative' && (t.operator !== null || t.unit === '%') && t.upper === undefined) ||
    (t.kind === 'date' && t.date !== undefined)
  );
}

function targetText(i: Indicator): string {
  const t = i.target;
  if (t.kind === 'date' && t.date) {
    const [y, m, d] = t.date.split('-').map(Number);
    return d === undefined ? `${y}年${m}月前` : `${y}年${m}月${d}日前`;
  }
  return formatTarget(t).replace('>=', '≥').replace('<=', '≤');
}

/** One tab-separated form: the caption row, a line per indicator from `cells`, the signature line. */
function tabbedForm(t: PerformanceTable, cells: (i: Indicator, k: number) => string[]): string[] {
  return [
    ...header(t),
    '一级指标\t二级指标\t三级指标\t指标值',
    ...t.indicators.map((i, k) => cells(i, k).join('\t')),
    '填表人：',
  ];
}

function header(t: PerformanceTable): string[] {
  return [`${t.year}年度项目支出绩效目标表`, `项目名称：${t.name}`, `实施单位：${t.unit}`];
}

function groups(t: PerformanceTable): Map<string, Map<string, Indicator[]>> {
  const out = new Map<string, Map<string, Indicator[]>>();
  for (const i of t.indicators) {
    const l1 = out.get(i.level1 ?? '') ?? new Map<string, Indicator[]>();
    out.set(i.level1 ?? '', l1);
    l1.set(i.level2 ?? '', [...(l1.get(i.level2 ?? '') ?? []), i]);
  }
  return out;
}

type ExtraColumn = 'kind' | 'value' | 'unit' | 'explanation';
const EXTRA_CAPTION: Record<ExtraColumn, string> = {
  kind: '指标值类型',
  value: '指标值',
  unit: '计量单位',
  explanation: '指标解释',
};

/**
 * The columns many provinces print after the name (指标值类型, 指标值, 计量单位, 指标解释) in `order`, under
 * their captions, under captions no vocabulary knows (`栏目1` …), or with the caption row lost.
 */
function extraColumns(
  t: PerformanceTable,
  order: ExtraColumn[],
  captions: 'printed' | 'unknown' | 'none',
): string {
  const lines = [...header(t)];
  if (captions !== 'none')
    lines.push(
      [
        '一级指标',
        '二级指标',
        '三级指标',
        ...order.map((c, n) => (captions === 'printed' ? EXTRA_CAPTION[c] : `栏目${n + 1}`)),
      ].join('\t'),
    );
  for (const i of t.indicators) {
    const tt = i.target;
    const quantitative = tt.kind === 'quantitative';
    const cells: Record<ExtraColumn, string> = {
      kind: quantitative ? '定量' : '定性',
      value: quantitative
        ? `${(tt.operator ?? '').replace('>=', '≥').replace('<=', '≤')}${tt.value}`
        : targetText(i),
      unit: quantitative ? (tt.unit ?? '') : '',
      explanation: `反映${i.name}情况。`,
    };
    lines.push([i.level1 ?? '', i.level2 ?? '', i.name, ...order.map((c) => cells[c])].join('\t'));
  }
  lines.push('填表人：');
  return lines.join('\n');
}

function render(t: PerformanceTable, layout: Relayout): string {
  switch (layout) {
    case 'fused': {
      let body = '一级指标二级指标三级指标指标值';
      for (const [l1, l2s] of groups(t))
        for (const [l2, rows] of l2s) {
          body += l1 + l2;
          for (const i of rows) body += i.name + targetText(i);
        }
      return `${header(t).join('')}${body}`;
    }
    case 'prose': {
      const lines = header(t);
      let n = 0;
      for (const [l1, l2s] of groups(t)) {
        lines.push(`${'一二三四五六'[n++]}、${l1}`);
        for (const [l2, rows] of l2s)
          lines.push(`${l2}：${rows.map((i) => `${i.name}${targetText(i)}`).join('；')}。`);
      }
      return lines.join('\n');
    }
    case 'extra-columns':
      return extraColumns(t, ['kind', 'value', 'unit', 'explanation'], 'printed');
    case 'extra columns, no caption row':
      return extraColumns(t, ['kind', 'value', 'unit', 'explanation'], 'none');
    case 'extra columns shuffled':
      return extraColumns(t, ['explanation', 'value', 'unit', 'kind'], 'printed');
    case 'extra columns shuffled, no caption row':
      return extraColumns(t, ['explanation', 'kind', 'value', 'unit'], 'none');
    case 'extra columns, unknown captions':
      return extraColumns(t, ['kind', 'value', 'unit', 'explanation'], 'unknown');
    case 'pdf-order': {
      // Text as a PDF extractor gives it: cells apart by runs of spaces, a merged level cell printed at the
      // middle of the rows it covers — on the middle row of an odd span, on a line of its own between the
      // two middle rows of an even one — and the page's footer after a level 1's rows (a merged cell split
      // by a page break prints on each page: not re-laid here).
      const lines = [...header(t), '一级指标    二级指标    三级指标    指标值'];
      const line = (l1: string, l2: string, rest: string) =>
        `${l1.padEnd(8, '　')}    ${l2.padEnd(10, '　')}    ${rest}`.trimEnd();
      [...groups(t)].forEach(([l1, l2s], g) => {
        // Positions in half rows: row r at 2r, a label between rows r and r + 1 at 2r + 1.
        const cells = new Map<number, { l1: string; l2: string; rest: string }>();
        const at = (p: number) => {
          const c = cells.get(p) ?? { l1: '', l2: '', rest: '' };
          cells.set(p, c);
          return c;
        };
        let r = 0;
        for (const [l2, list] of l2s) {
          at(r * 2 + (list.length - 1)).l2 = l2;
          for (const i of list) at(2 * r++).rest = `${i.name}    ${targetText(i)}`;
        }
        at(r - 1).l1 = l1;
        for (const p of [...cells.keys()].sort((a, b) => a - b)) {
          const c = cells.get(p);
          if (c) lines.push(line(c.l1, c.l2, c.rest));
        }
        if (g === 0) lines.push('', '— 1 —', '');
      });
      lines.push('填表人：');
      return lines.join('\n');
    }
    case 'preview pages': {
      // A document-sharing page's preview: the form run together, its wrapped captions spaced
      // (`三级 指标`), shown as numbered page chunks (`1、…`, `2、…`) cut wherever the page broke.
      let body = '一级 指标二级指标三级 指标指 标值';
      for (const [l1, l2s] of groups(t))
        for (const [l2, rows] of l2s) {
          body += l1 + l2;
          for (const i of rows) body += i.name + targetText(i);
        }
      const text = `${header(t).join('')}${body}`;
      const chunks: string[] = [];
      for (let at = 0; at < text.length; at += 230)
        chunks.push(`${chunks.length + 1}、${text.slice(at, at + 230)}`);
      return ['项目支出绩效目标表.doc', '上传人:*** 格式:DOC 页数:3', ...chunks].join('\n\n');
    }
    case 'no caption row':
      // The caption row lost (cut off by a preview, or the table's first page missing).
      return [...header(t)]
        .concat(t.indicators.map((i) => [i.level1, i.level2, i.name, targetText(i)].join('\t')))
        .concat('填表人：')
        .join('\n');
    case 'traditional':
      return toTraditional(
        tabbedForm(t, (i) => [i.level1 ?? '', i.level2 ?? '', i.name, targetText(i)]).join('\n'),
      );
    case 'other signs':
      return tabbedForm(t, (i, k) => {
        const text = targetText(i);
        const spell = atLeastSpellings[k % atLeastSpellings.length];
        return [
          i.level1 ?? '',
          i.level2 ?? '',
          i.name,
          text.startsWith('≥') && spell ? spell(text.slice(1)) : text,
        ];
      }).join('\n');
    case 'letter-spaced level 1':
      // A merged cell's caption printed a character at a time (产 出 指 标).
      return tabbedForm(t, (i) => [
        [...(i.level1 ?? '')].join(' '),
        i.level2 ?? '',
        i.name,
        targetText(i),
      ]).join('\n');
    case 'page footer inside': {
      // A page break in the middle of the rows leaves the page's footer between two of them.
      const lines = tabbedForm(t, (i) => [i.level1 ?? '', i.level2 ?? '', i.name, targetText(i)]);
      lines.splice(header(t).length + 1 + Math.ceil(t.indicators.length / 2), 0, '第 1 页，共 2 页');
      return lines.join('\n');
    }
    case 'full-width figures':
      return tabbedForm(t, (i) => [
        i.level1 ?? '',
        i.level2 ?? '',
        i.name,
        targetText(i).replace(/[0-9.%]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
      ]).join('\n');
    case 'html entities': {
      // A web page's table: signs written as character references.
      const cell = (text: string) => `<td>${text}</td>`;
      const rows = t.indicators.map(
        (i) =>
          `<tr>${[i.level1 ?? '', i.level2 ?? '', i.name, targetText(i).replace('≥', '&#x2265;').replace('≤', '&le;')].map(cell).join('')}</tr>`,
      );
      return `<html><body>${header(t)
        .map((h) => `<p>${h}</p>`)
        .join(
          '',
        )}<table><tr>${['一级指标', '二级指标', '三级指标', '指标值'].map(cell).join('')}</tr>${rows.join('')}</table></body></html>`;
    }
  }
}

const comparable = (i: Indicator) => ({
  level1: i.level1,
  level2: i.level2,
  name: i.name,
  operator: i.target.operator,
  value: i.target.value,
  unit: i.target.unit ?? null,
  date: i.target.date ?? null,
});

// Canonical tables: the probe set as read, with both levels printed, targets that delimit themselves in
// running text and names without figures (a figure inside a name is ambiguous once the borders are gone).
const pool: PerformanceTable[] = loadLabelledFolder(probeDir, 'probe')
  .flatMap((doc) => importText(readFileSync(doc.file, 'utf8')).tables)
  .map((t) => ({
    ...t,
    indicators: t.indicators.filter(
      (i) =>
        i.level1 !== null &&
        i.level2 !== null &&
        selfDelimiting(i) &&
        !/\d/.test(i.name) &&
        !/[:：;；。|]/.test(i.name) &&
        i.name.length >= 2,
    ),
  }))
  .filter((t) => t.indicators.length >= 2 && /^[\u4e00-\u9fa5]/.test(t.name));

describe('labelled tables re-laid in the shapes real pages take', () => {
  it('has tables to re-lay', () => {
    expect(pool.length).toBeGreaterThanOrEqual(15);
  });

  for (const layout of LAYOUTS) {
    it(`reads back levels, names and targets from the ${layout} layout`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 0, max: pool.length - 1 }), (n) => {
          const table = pool[n] as PerformanceTable;
          const [back] = importText(render(table, layout)).tables;
          expect(back?.indicators.map(comparable), `${layout} ${table.name}`).toEqual(
            table.indicators.map(comparable),
          );
        }),
        { numRuns: Math.min(60, pool.length * 2), seed: 20261206 },
      );
    });
  }
});

// The train split's labels (real forms from other regions; never the test split) as canonical tables: the
// rows whose levels are the framework's words and whose targets delimit themselves.
const trainDir = path.resolve(import.meta.dirname, '../../fixtures/corpus/train');
const SIGN: Record<string, string> = { '>=': '≥', '<=': '≤', '>': '>', '<': '<', '=': '=' };
const LEVEL1 = /^(产出|效益|满意度|成本)指标$/;
const LEVEL2 =
  /^(数量|质量|时效|成本|经济效益|社会效益|生态效益|可持续影响|服务对象满意度|经济成本|社会成本|生态环境成本)指标$/;

function fromLabel(e: ExpectedTable, n: number): PerformanceTable {
  const indicators: Indicator[] = [];
  for (const i of e.indicators) {
    if (i.value === null || !LEVEL1.test(i.level1 ?? '') || !LEVEL2.test(i.level2 ?? '')) continue;
    const text = `${i.operator ? (SIGN[i.operator] ?? '') : ''}${i.value}${i.unit ?? ''}`;
    indicators.push({
      level1: i.level1,
      level2: i.level2,
      name: i.name,
      target: { ...parseTarget(text), raw: text },
    });
  }
  return {
    kind: 'target',
    year: e.year ?? 2023,
    unit: '某县某局',
    name: `训练表${n}`,
    narrative: {},
    budget: {},
    incomplete: false,
    indicators,
    warnings: [],
  };
}

// A form with several goal groups returns to a block it has left (年度绩效目标1 and 2 each with 产出指标 /
// 质量指标): laid out as one table its rows would read as one block, so such tables are not re-laid.
function blocksContiguous(t: PerformanceTable): boolean {
  const blocks: string[] = [];
  for (const i of t.indicators) {
    const block = `${i.level1}/${i.level2}`;
    if (blocks.at(-1) === block) continue;
    if (blocks.includes(block)) return false;
    blocks.push(block);
  }
  return true;
}

const trainPool: PerformanceTable[] = loadLabelledFolder(trainDir, 'train')
  .flatMap((doc) => doc.tables)
  .map(fromLabel)
  .map((t) => ({
    ...t,
    indicators: t.indicators.filter(
      (i) =>
        selfDelimiting(i) &&
        !/\d/.test(i.name) &&
        !/[:：;；。|,，、()（）]/.test(i.name) &&
        i.name.length >= 2 &&
        i.name.length <= 30,
    ),
  }))
  .filter((t) => t.indicators.length >= 2 && blocksContiguous(t));

describe('train-split labels re-laid in the shapes real pages take', () => {
  it('has tables to re-lay', () => {
    expect(trainPool.length).toBeGreaterThanOrEqual(10);
  });

  for (const layout of LAYOUTS) {
    it(`reads back levels, names and targets from the ${layout} layout`, () => {
      const failed: string[] = [];
      for (const table of trainPool) {
        const [back] = importText(render(table, layout)).tables;
        const got = JSON.stringify(back?.indicators.map(comparable));
        const want = JSON.stringify(table.indicators.map(comparable));
        if (got !== want) failed.push(`${table.name}: ${got} expected ${want}`);
      }
      expect(failed).toEqual([]);
    });
  }
});
