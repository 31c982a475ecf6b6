import {
  EVERY_FIELD_FORM,
  type GridColumnKey,
  type LayoutCell,
  type OfficialLayout,
  officialLayout,
} from '@jixiao/core/export/official-layout';
import { selfEvaluationLayout } from '@jixiao/core/export/self-evaluation-layout';
import type { SelfEvaluationEntry, SelfEvaluationScore } from '@jixiao/core/scoring/self-evaluation.schema';
import type { DocumentKind, PerformanceTable } from '@jixiao/core/tables/table.schema';

/**
 * Jixiao prints its forms with English labels too (`Budget unit:`, `Level 1 Level 2 Indicator …`).
 * Those labels are the same captions as the Chinese ones, so they are read by mapping each English
 * label onto the Chinese label the layout prints in its place. The pairs come from core's layouts
 * themselves (one form laid out in both locales, cell by cell), so a label changed in core is
 * recognised here without a copy to keep in step.
 */

const PROBE_YEAR = 2000;

// A table that fills every optional field, laid out on a form with every row and column (EVERY_FIELD_FORM),
// so that every label is printed.
function probeTable(kind: DocumentKind, governmentProcurement: boolean): PerformanceTable {
  return {
    kind,
    year: PROBE_YEAR,
    unit: 'u',
    name: 'n',
    supervisingDepartment: 's',
    code: 'c',
    category: 'c',
    startDate: '2000-01-01',
    endDate: '2000-12-31',
    governmentProcurement,
    performanceType: 'p',
    narrative: {},
    budget: { total: 1, currentYear: 1, initial: 1, adjusted: 1, executed: 1, executionScore: 1 },
    indicators: [
      {
        level1: 'a',
        level2: 'b',
        name: 'c',
        target: { raw: '1', kind: 'qualitative', operator: null, value: null, unit: null, text: '1' },
        direction: '正向',
        weight: 1,
        actual: '1',
        score: 1,
        explanation: 'e',
        deviationReason: 'r',
      },
    ],
    warnings: [],
    incomplete: true,
  };
}

function probeSelfEvaluation(locale: 'zh' | 'en'): OfficialLayout {
  const table = probeTable('target', true);
  const line: SelfEvaluationScore['indicators'][number] = {
    indicatorIndex: 0,
    category: null,
    weight: 1,
    score: 1,
    computedScore: 1,
    status: 'met',
    explanation: { formula: '', zh: 'x', en: 'x' },
    adjustment: null,
  };
  const entry: SelfEvaluationEntry = {
    budget: { adjusted: 1, executed: 1 },
    indicators: [{ index: 0, actual: '1', applicable: true }],
    adjustments: [],
  };
  const score: SelfEvaluationScore = {
    schemeId: 's',
    schemeVersion: 1,
    execution: { ...line, indicatorIndex: null, rate: 1 },
    indicators: [line],
    total: 1,
    grade: '优',
    complete: true,
    notes: [],
  };
  return selfEvaluationLayout(table, entry, score, locale, EVERY_FIELD_FORM);
}

interface Vocabulary {
  /** English field label → the Chinese label printed in its place (first pairing wins). */
  fields: Map<string, string>;
  /** English grid caption → its column and the Chinese caption. */
  grid: Map<string, { column: GridColumnKey; zh: string }>;
  /** The order in which the layout prints grid columns. */
  columnOrder: GridColumnKey[];
  /** Whole lines: titles, money caption, notes. */
  lines: Map<string, string>;
  /** Lines with the form's year in them: (Fiscal year 2020) → （2020年度）. */
  yearLines: { pattern: RegExp; zh: string }[];
  /** Printed yes/no of 是否含有政府购买服务. */
  yesNo: Map<string, string>;
  gate: RegExp;
}

function labelCells(rows: readonly LayoutCell[][]): LayoutCell[] {
  return rows.flat().filter((c) => c.kind === 'label');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function yearPattern(en: string, zh: string): { pattern: RegExp; zh: string } {
  const year = String(PROBE_YEAR);
  const pattern = new RegExp(`^\\s*${escapeRegExp(en).replace(year, '((?:19|20)\\d{2})')}\\s*$`);
  return { pattern, zh: zh.replace(year, '$1') };
}

function buildVocabulary(): Vocabulary {
  const fields = new Map<string, string>();
  const grid = new Map<string, { column: GridColumnKey; zh: string }>();
  const lines = new Map<string, string>();
  const yearLines: { pattern: RegExp; zh: string }[] = [];
  const yesNo = new Map<string, string>();
  const columnOrder: GridColumnKey[] = [];
  const pair = (zh: OfficialLayout, en: OfficialLayout) => {
    const zhLabels = [...labelCells(zh.header), ...labelCells(zh.narratives), ...labelCells(zh.money.rows)];
    const enLabels = [...labelCells(en.header), ...labelCells(en.narratives), ...labelCells(en.money.rows)];
    enLabels.forEach((c, n) => {
      const z = zhLabels[n];
      if (z !== undefined && !fields.has(c.text)) fields.set(c.text, z.text);
    });
    const zhValues = zh.header.flat();
    en.header.flat().forEach((c, n) => {
      const z = zhValues[n];
      if (c.field === 'governmentProcurement' && z !== undefined && c.text !== '') yesNo.set(c.text, z.text);
    });
    en.grid.columns.forEach((c, n) => {
      const z = zh.grid.columns[n];
      if (z !== undefined && !grid.has(c.label)) grid.set(c.label, { column: c.key, zh: z.label });
      if (!columnOrder.includes(c.key)) columnOrder.push(c.key);
    });
    lines.set(en.title, zh.title);
    lines.set(en.money.caption, zh.money.caption);
    en.notes.forEach((note, n) => {
      const z = zh.notes[n];
      if (z !== undefined && !note.includes(String(PROBE_YEAR))) lines.set(note, z);
    });
    yearLines.push(yearPattern(en.yearLine, zh.yearLine), yearPattern(en.grid.caption, zh.grid.caption));
  };
  for (const kind of ['target', 'self-evaluation', 'department-wide'] as const)
    for (const gp of [true, false])
      pair(
        officialLayout(probeTable(kind, gp), 'zh', EVERY_FIELD_FORM),
        officialLayout(probeTable(kind, gp), 'en', EVERY_FIELD_FORM),
      );
  pair(probeSelfEvaluation('zh'), probeSelfEvaluation('en'));
  const titles = [...lines.keys()].filter((l) => l !== '').map(escapeRegExp);
  return {
    fields,
    grid,
    columnOrder,
    lines,
    yearLines,
    yesNo,
    gate: new RegExp(titles.join('|')),
  };
}

let vocabulary: Vocabulary | null = null;

// Built on the first English form: Chinese text never pays for it.
function vocab(): Vocabulary {
  vocabulary ??= buildVocabulary();
  return vocabulary;
}

// Cheap test before the vocabulary is built: the titles and year line of every English form.
const ENGLISH_HINT = /Expenditure|Fiscal year|Level 1/;

const isSpace = (ch: string | undefined): boolean =>
  ch === undefined || ch === ' ' || ch === '\t' || ch === '|';

interface Found {
  at: number;
  length: number;
  zh: string;
  /** What the next line must hold at a cell start for a label wrapped there (`urchased services:`). */
  rest: string | null;
}

/**
 * The English field labels in a line, whole (`Budget unit:`) or cut by the end of its cell at the end
 * of the line's piece (`Includes government-p`): then `rest` is what the next line must hold.
 */
function fieldLabelsIn(line: string, labels: Map<string, string>): Found[] {
  const found: Found[] = [];
  for (const [en, zh] of labels) {
    const full = `${en}:`;
    const head = full.slice(0, Math.min(8, full.length));
    let from = 0;
    for (;;) {
      const at = line.indexOf(head, from);
      if (at < 0) break;
      from = at + 1;
      if (at > 0 && !isSpace(line[at - 1])) continue;
      let n = 0;
      while (n < full.length && line[at + n] === full[n]) n++;
      if (n === full.length) {
        found.push({ at, length: n, zh, rest: null });
        continue;
      }
      // Cut at a cell's edge: the piece ends where the line has a gap (or ends).
      let piece = n;
      while (piece > 0 && full[piece - 1] === ' ') piece--;
      if (piece < 8 || !isSpace(line[at + piece])) continue;
      found.push({ at, length: piece, zh, rest: full.slice(piece).trimStart() });
    }
  }
  // Longest first where two labels start at the same place (`Execution score` / `Execution rate`).
  found.sort((a, b) => a.at - b.at || b.length - a.length);
  const out: Found[] = [];
  for (const f of found) {
    const last = out.at(-1);
    if (last === undefined || f.at >= last.at + last.length) out.push(f);
  }
  return out;
}

/** Index of `piece` at a cell start in `line` at or after `from`, or -1. */
function cellStartIndex(line: string, piece: string, from: number): number {
  let at = line.indexOf(piece, from);
  while (at >= 0) {
    if ((at === 0 || isSpace(line[at - 1])) && isSpace(line[at + piece.length])) return at;
    at = line.indexOf(piece, at + 1);
  }
  return -1;
}

function translateFields(lines: string[], v: Vocabulary): void {
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.length < 4) continue;
    const found = fieldLabelsIn(line, v.fields);
    if (found.length === 0) continue;
    let next = lines[i + 1] ?? '';
    let cursor = 0;
    let out = '';
    let last = 0;
    for (const f of found) {
      if (f.rest !== null) {
        const at = cellStartIndex(next, f.rest, cursor);
        if (at < 0) continue;
        next = `${next.slice(0, at)}${' '.repeat(f.rest.length)}${next.slice(at + f.rest.length)}`;
        cursor = at + f.rest.length;
      }
      out += `${line.slice(last, f.at)}${f.zh}：`;
      last = f.at + f.length;
      // 是否含有政府购买服务 prints Yes/No.
      const value = /^([\t ]+)(\S+)/.exec(line.slice(last));
      const zhValue = value?.[2] === undefined ? undefined : v.yesNo.get(value[2]);
      if (value?.[1] !== undefined && value[2] !== undefined && zhValue !== undefined) {
        out += `${value[1]}${zhValue}`;
        last += value[0].length;
      }
    }
    lines[i] = out + line.slice(last);
    if (i + 1 < lines.length) lines[i + 1] = next.trim() === '' ? '' : next;
  }
}

/** Splits a line into grid captions (each possibly cut at its end); null when anything else is in it. */
function captionPieces(line: string, grid: Vocabulary['grid']): { en: string; piece: string }[] | null {
  const out: { en: string; piece: string }[] = [];
  let rest = line.trim();
  while (rest !== '') {
    let best: { en: string; piece: string } | null = null;
    for (const en of grid.keys()) {
      let n = 0;
      while (n < en.length && rest[n] === en[n]) n++;
      const whole = n === en.length;
      if ((whole || n >= 3) && isSpace(rest[n]) && (best === null || n > best.piece.length))
        best = { en, piece: rest.slice(0, n).trimEnd() };
    }
    if (best === null) return null;
    out.push(best);
    rest = rest.slice(best.piece.length).trim();
  }
  return out;
}

/**
 * The caption row of the indicator grid. In PDF text a caption that wraps in its cell prints its
 * first piece on the line above the row and the rest on the line below (the cell is centred): those
 * pieces are joined, and the row is written in Chinese captions in the order the layout prints them.
 */
function translateCaptionRow(lines: string[], v: Vocabulary): void {
  const level1 = [...v.grid].find(([, g]) => g.column === 'level1')?.[0];
  const name = [...v.grid].find(([, g]) => g.column === 'name')?.[0];
  if (level1 === undefined || name === undefined) return;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (!line.includes(level1) || !line.includes(name)) continue;
    const pieces = captionPieces(line, v.grid);
    if (pieces === null || pieces.some((p) => p.piece !== p.en)) continue;
    const columns = new Set(pieces.map((p) => p.en));
    // Wrapped captions: a line of caption starts above, a line of their ends below.
    const above = i > 0 ? captionPieces(lines[i - 1] ?? '', v.grid) : null;
    if (above !== null && above.length > 0) {
      let below = (lines[i + 1] ?? '').trim();
      let whole = true;
      for (const p of above) {
        if (p.piece === p.en) continue;
        const rest = p.en.slice(p.piece.length).trim();
        if (!below.startsWith(rest)) {
          whole = false;
          break;
        }
        below = below.slice(rest.length).trim();
      }
      if (whole && below === '') {
        for (const p of above) columns.add(p.en);
        lines[i - 1] = '';
        if (above.some((p) => p.piece !== p.en)) lines[i + 1] = '';
      }
    }
    const keys = [...columns].flatMap((en) => {
      const g = v.grid.get(en);
      return g === undefined ? [] : [g];
    });
    keys.sort((a, b) => v.columnOrder.indexOf(a.column) - v.columnOrder.indexOf(b.column));
    const separator = line.includes('\t') ? '\t' : ' ';
    lines[i] = keys.map((k) => k.zh).join(separator);
  }
}

/**
 * Rewrites the English labels of a form Jixiao printed in English as the Chinese labels the layout
 * prints in their place; any other text is returned as it is.
 */
export function readEnglishLabels(text: string): string {
  // An English form names itself in its first lines; Chinese text is not scanned further.
  if (!ENGLISH_HINT.test(text.slice(0, 2000))) return text;
  const v = vocab();
  if (!v.gate.test(text)) return text;
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const trimmed = (lines[i] ?? '').trim();
    const whole = v.lines.get(trimmed);
    if (whole !== undefined) {
      lines[i] = whole;
      continue;
    }
    for (const { pattern, zh } of v.yearLines) {
      if (pattern.test(trimmed)) {
        lines[i] = trimmed.replace(pattern, zh);
        break;
      }
    }
  }
  translateCaptionRow(lines, v);
  translateFields(lines, v);
  return lines.join('\n');
}
