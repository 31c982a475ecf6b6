import { createRequire } from 'node:module';
import { parseAmount } from '@jixiao/core/money/money';
import type { Indicator, PerformanceTable, Warning } from '@jixiao/core/tables/table.schema';
import { decodeHTML } from 'entities';
import { type RowSources, takeRowSources, withRowSources } from '../preview/row-sources.ts';
import { columnsFromCellsWarnings, withColumnsFromCells } from './column-roles.ts';
import { csvRecords } from './csv-records.ts';
import { readEnglishLabels } from './english-labels.ts';
import {
  declaredMoneyUnit,
  moneyUnitOf,
  readBudget,
  readHeader,
  readNarrative,
  readYear,
  rescaleToWan,
  splitCode,
  yearLines,
} from './fields.ts';
import { readGluedExecution } from './glued-execution.ts';
import { readGluedHeader } from './glued-header.ts';
import { headerlessTable, noCaptionRowWarnings } from './headerless.ts';
import { findIndicatorHeader, type IndicatorBlock, readIndicators } from './indicators.ts';
import { firstSpaced, type SourceLine, splitSpaced, toGrid } from './layout.ts';
import {
  cutOffMonthIn,
  foldProgress,
  isMonitoringForm,
  monitoringBlock,
  readMonitoringMoney,
} from './monitoring.ts';
import { type UnitSource, unitLines, unitOfPage } from './page-unit.ts';
import { readProseBudget, readProseExecution } from './prose-budget.ts';
import { doubtWarnings } from './row-doubts.ts';
import { joinRowsBeforeHeader } from './rows-before-header.ts';
import { joinPreviewChunks, unspaceWrappedWords } from './run-together.ts';
import { readIndicatorStream } from './stream-indicators.ts';
import { dropUnfilledSlots } from './template-slots.ts';
import { toTokens } from './tokens.ts';
import { readUnitRow } from './unit-row.ts';
import { formTitle, headerLabel, kindOfTitle, reportTitle } from './vocabulary.ts';
import { fillInYear } from './year-not-printed.ts';

/** What the text importer read: the tables found and located notes about what was unclear. */
export interface ImportTextResult {
  tables: PerformanceTable[];
  warnings: Warning[];
  /** Per table, per row: the source lines the row was read from (for the preview). */
  rowSources: RowSources;
}

// Text copied out of web pages keeps HTML entities (`&gt;=95%`, `&#x2265;`, `&nbsp;`): read them as
// characters, with the full HTML5 table of the entities package.
function decodeEntities(text: string): string {
  return text.includes('&') ? decodeHTML(text) : text;
}

function normaliseText(text: string): string {
  const clean = readEnglishLabels(
    decodeEntities(htmlToText(text))
      .replace(/^\uFEFF/, '')
      .replace(/\r\n?/g, '\n')
      .replace(/[\u00a0\u3000\u2002\u2003\u2009\u200b]/g, (ch) => (ch === '\u200b' ? '' : ' ')),
  );
  return separateTitle(
    dropPageFurniture(
      unspaceWrappedWords(
        joinPreviewChunks(unspaceLetters(dropPinyin(dropBrokenFontLetters(csvToTabs(clean))))),
      ),
    ),
  );
}

// Letters of scripts a Chinese form never prints (Thai, Lao, Arabic, Devanagari, Cyrillic): a broken font or a
// document site's extraction leaves them glued to the characters of a cell (`备注产出指标ຫໍສະໝຸດ`).
const BROKEN_FONT_LETTERS = /[\u0e00-\u0eff\u0600-\u06ff\u0900-\u097f\u0400-\u04ff]+/g;
const HAS_BROKEN_FONT_LETTERS = /[\u0e00-\u0eff\u0600-\u06ff\u0900-\u097f\u0400-\u04ff]/;
const HAN = /[\u4e00-\u9fff]/;

/**
 * Removes runs of such letters that touch a Chinese character: they are no part of the cell. A run standing
 * apart (a word of another language between spaces) is left as printed.
 */
export function dropBrokenFontLetters(text: string): string {
  if (!HAS_BROKEN_FONT_LETTERS.test(text)) return text;
  return text.replace(BROKEN_FONT_LETTERS, (run, offset: number) =>
    HAN.test(text.charAt(offset - 1)) || HAN.test(text.charAt(offset + run.length)) ? '' : run,
  );
}

// A caption row saved as CSV: `一级指标,二级指标,三级指标` (quotes allowed). Tested on the text with each
// run of white space cut to one character (below), where its `(?:^|,)\s*` cannot rescan a long run from
// each line start inside it.
const CSV_CAPTIONS =
  /(?:^|,)\s*"?[一1]级指标"?\s*,\s*"?[二2]级指标"?\s*,|(?:^|,)\s*"?[二2]级指标"?\s*,\s*"?[三3]级指标"?\s*,/m;

/**
 * `text` with each run of white space cut to one character: a line break when the run holds one (the
 * line starts `^` finds in it), else a space. A pattern whose white space is `\s*` and whose line
 * starts are `^` (multiline) matches the result where it matched the text.
 */
function oneCharRuns(text: string): string {
  return text.replace(/\s{2,}/g, (run) => (/[\n\r\u2028\u2029]/.test(run) ? '\n' : ' '));
}

/**
 * The fields of one CSV line: commas outside double quotes separate, `""` is a quote; a line that is not
 * CSV (a quote left open) is one field.
 */
export function csvFields(line: string): string[] {
  const records = csvRecords(line);
  return records === null ? [line.trim()] : (records[0] ?? ['']);
}

/**
 * A spreadsheet saved as CSV (its caption row has comma-separated 一级指标,二级指标… cells) is read
 * as the tab-separated text of a spreadsheet copy: each comma-separated line becomes tab-separated.
 * Narrative commas inside quoted fields stay in their cell.
 */
export function csvToTabs(text: string): string {
  if (!(text.includes('指标,') || text.includes('指标",')) || !CSV_CAPTIONS.test(oneCharRuns(text)))
    return text;
  // A quoted cell may hold line breaks (a narrative typed with Alt+Enter): it stays one cell of its row.
  const records = csvRecords(text);
  // Not CSV after all (an unbalanced quote in prose): leave the text as it is.
  if (!records) return text;
  // A run of white space holding a line break is one space (a run is matched whole: `\s*\n\s*`
  // would rescan a long run from each of its characters).
  const rows = records.map((fields) =>
    fields.map((f) => f.replace(/\s+/g, (run) => (run.includes('\n') ? ' ' : run))).join('\t'),
  );
  // Whether the file ended with a line break tells a whole file from a cut one: keep it.
  return rows.join('\n') + (text.slice(text.trimEnd().length).includes('\n') ? '\n' : '');
}

// Pinyin a converter printed after characters (`目標(biāo)`, `項(xiàng)目`): only bracketed Latin with a tone
// mark, so `(A)`, `(万元)` and `(B/A)` stay.
const PINYIN = /(?<=[\u4e00-\u9fff])\(([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ][a-zü]*)\)/g;

/** Removes the pinyin a page printed in brackets after its characters. */
export function dropPinyin(text: string): string {
  if (!/\([a-zü]*[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/.test(text)) return text;
  return text.replace(PINYIN, '');
}

const LETTER_SPACED = /[\u4e00-\u9fff] [\u4e00-\u9fff] [\u4e00-\u9fff]/;

/**
 * PDF text of letter-spaced fonts puts a space between every character (`项 目 名 称      城 区`): when
 * most words of the text are one character long, single spaces are letter spacing and only runs of
 * spaces separate cells.
 */
export function unspaceLetters(text: string): string {
  // Letter spacing shows in the title and header: look at the start only, first for three spaced
  // characters in a row, then count words by hand (this runs on every document).
  if (!LETTER_SPACED.test(text.slice(0, 300))) return text;
  const n = Math.min(text.length, 1500);
  let single = 0;
  let words = 0;
  let run = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 32;
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 124) {
      if (run > 0) {
        words++;
        if (run === 1) single++;
      }
      run = 0;
    } else run++;
  }
  if (words < 30 || single / words < 0.7) return text;
  return text.replace(/(?<=[^\s|]) (?=[^\s|])/g, '');
}

const HTML_TABLE = /<t[dr][\s>]/gi;

/**
 * A page's HTML source pasted as text: each table row (`<tr>`) becomes a line, each cell (`<td>`,
 * `<th>`) a tab-separated cell, paragraphs lines of their own; a `<br>` inside a cell joins its text
 * and other tags go. Only text with several table tags is touched; its warnings then locate lines of
 * the converted text, one per table row.
 */
export function htmlToText(text: string): string {
  if (!text.includes('<')) return text;
  const tags = text.match(HTML_TABLE);
  if (tags === null || tags.length < 4) return text;
  return (
    text
      .replace(/<br\s*\/?>/gi, '')
      .replace(/\n/g, ' ')
      .replace(/<\/tr\s*>|<\/(?:p|div|h\d|table|caption)\s*>/gi, '\n')
      .replace(/<t[dh](?:\s[^>]*)?>/gi, '\t')
      .replace(/<[^>]*>/g, '')
      // A file cut inside a tag leaves its start: no text of a cell.
      .replace(/<[^>\n]*$/, '')
      .replace(/ *\n */g, '\n')
  );
}

// Page numbers a PDF prints between the rows of a table (`第 1 页 共 3 页`, `— 2 —`, `Page 1 of 3`)
// are no cells of it. The line stays (empty) so that line numbers in warnings still point at the source.
const PAGE_FURNITURE =
  /^[ \t|]*(?:第\s*\d+\s*页\s*[,，/、]?\s*(?:共\s*\d+\s*页)?|共\s*\d+\s*页\s*[,，/、]?\s*第\s*\d+\s*页|[-—–－]{1,2}\s*\d{1,3}\s*[-—–－]{1,2}|page\s*\d+(?:\s*(?:of|\/)\s*\d+)?)[ \t|]*$/gim;

// One scan for the characters every furniture line holds.
const FURNITURE_CHARS = /页|[—－–]|- |page/i;
const PAGE_HINT = /第\s*\d+\s*页|^[ \t|]*[-—–－]{1,2}\s*\d{1,3}\s*[-—–－]{1,2}[ \t|]*$|page\s*\d/im;

/** Blanks the lines that hold only a page number or `第 N 页 共 M 页`. */
export function dropPageFurniture(text: string): string {
  // Cheap guard: every furniture line holds 第…页, a dash-framed number or `page`.
  if (!FURNITURE_CHARS.test(text) || !PAGE_HINT.test(text)) return text;
  return text.replace(PAGE_FURNITURE, '');
}

// A form flattened onto one line may glue its title to the first label: `…自评表(2022年度)项目名称`.
const GLUED_TITLE =
  /(绩效(?:目标|自评|评价)[\u4e00-\u9fa5]{0,4}表\s*[(（]\s*(?:19|20)\d{2}\s*年度?\s*[)）])(?=[^\s)）|])/g;

/** Puts a space between a form title's `(YYYY年度)` and text glued to it. */
export function separateTitle(text: string): string {
  if (!text.includes('绩效')) return text;
  return text.replace(GLUED_TITLE, '$1 ');
}

// Characters that only traditional script writes for the words every form prints (績效, 指標, 項目).
const TRADITIONAL = /[績標項]/;
type Convert = (text: string) => string;
let toSimplified: Convert | null = null;

/**
 * Pages shown in traditional characters (a site's 繁體 view of a simplified original) are read in
 * simplified script, the form's own: labels, captions and units are then the ones this importer
 * knows. The converter loads only when such a page arrives.
 */
export function simplifyScript(text: string): { text: string; converted: boolean } {
  // The title and header name 績效/指標/項目 early: the start of the text decides.
  if (!TRADITIONAL.test(text.slice(0, 2000))) return { text, converted: false };
  if (toSimplified === null) {
    const require = createRequire(import.meta.url);
    const opencc = require('opencc-js/t2cn') as typeof import('opencc-js');
    toSimplified = opencc.Converter({ from: 'tw', to: 'cn' });
  }
  const converted = toSimplified(text);
  return { text: converted, converted: converted !== text };
}

/**
 * The lines that `keep` keeps of the forms before form n, for n that only grows: each form is added to
 * what was kept of the ones before it, once, and only when a form asks.
 */
function keptBefore(
  forms: readonly SourceLine[][],
  keep: (lines: readonly SourceLine[]) => SourceLine[],
): (n: number) => SourceLine[] {
  let kept: SourceLine[] = [];
  let upTo = 0;
  return (n) => {
    for (; upTo < n; upTo++) kept = keep([...kept, ...(forms[upTo] ?? [])]);
    return kept;
  };
}

// A form starts at its title line (财政项目支出绩效目标表, 项目支出绩效自评表 …). Text before the first
// title belongs to the first form; a title repeated with no fields of its own (a page header) is not a
// new form.
function splitForms(lines: readonly SourceLine[]): SourceLine[][] {
  const starts: number[] = [];
  lines.forEach((l, i) => {
    // Every title holds 绩效: a substring check spares the title pattern on nearly every line.
    const m = l.text.includes('绩效') ? formTitle.exec(l.text) : null;
    if (m === null) return;
    // `项目名称 部门整体支出绩效目标表` names a form inside a field value: that is no title line.
    let k = i - 1;
    while (k >= 0 && (lines[k]?.text.replace(/[|｜\s]/g, '') ?? '') === '') k--;
    const above = k >= 0 ? lines[k] : undefined;
    // …or in the cell under its label, one cell per line.
    const labelAbove = above !== undefined && headerLabel(above.text.replace(/[|｜:：\s]/g, '')) !== null;
    const inValue = headerLabel(firstCell(l.text)) !== null || labelAbove;
    if (
      !inValue &&
      // A title heads its line (a whole form extracted as one line starts with its title).
      (l.text.trim().length <= 60 ||
        m.index - (l.text.length - l.text.trimStart().length) <= 40 ||
        starts.length === 0) &&
      !/^注|说明/.test(l.text.trim())
    )
      starts.push(i);
  });
  if (starts.length <= 1) return splitProjects(lines.slice());
  const forms: SourceLine[][] = [];
  starts.forEach((start, n) => {
    const from = n === 0 ? 0 : start;
    const to = starts[n + 1] ?? lines.length;
    const form = lines.slice(from, to);
    const previous = forms.at(-1);
    // A title repeated at the top of a printed page, with no project or unit of its own, continues
    // the form before it: drop the repeated title (and year) lines and read on.
    if (previous && n > 0 && !hasOwnHeader(form)) {
      // Only a line that is no more than the title goes: a form run together on one line starts with it.
      const repeated = (l: SourceLine) => l.text.trim().length <= 60 && formTitle.test(l.text);
      previous.push(...form.filter((l, k) => !(k < 3 && (repeated(l) || YEAR_LINE.test(l.text)))));
    } else forms.push(form);
  });
  return forms.flatMap(splitProjects);
}

function firstCell(text: string): string {
  return firstSpaced(text.replace(/[|｜]/g, ' '), 0)?.text.replace(/[:：].*$/, '') ?? '';
}

function isNameLabelLine(line: SourceLine): boolean {
  const first = firstSpaced(line.text.replace(/[|｜]/g, ' '), line.line)?.text.replace(/[:：].*$/, '') ?? '';
  return headerLabel(first)?.field === 'name';
}

// Several projects printed one after another under one title: a 项目名称 line after an indicator
// table starts the next project. It inherits the title (and year line) of the form it follows.
function splitProjects(form: SourceLine[]): SourceLine[][] {
  const parts: SourceLine[][] = [[]];
  let sawIndicators = false;
  for (const line of form) {
    if (sawIndicators && /名称|项目/.test(line.text) && isNameLabelLine(line)) {
      const head = form.slice(0, 4).filter((l) => formTitle.test(l.text) || YEAR_LINE.test(l.text));
      parts.push([...head]);
      sawIndicators = false;
    }
    if (/[三3]级(指标|目标)/.test(line.text)) sawIndicators = true;
    parts.at(-1)?.push(line);
  }
  return parts.filter((p) => p.length > 0);
}

const YEAR_LINE = /^\s*[(（]?\s*(?:19|20)\d{2}\s*年度?\s*[)）]?\s*$/;

function hasOwnHeader(form: readonly SourceLine[]): boolean {
  return form.slice(0, 20).some(
    (l) =>
      /名称|单位|项目/.test(l.text) &&
      splitSpaced(l.text.replace(/[|｜]/g, ' '), l.line).some((c) => {
        const label = headerLabel(c.text.replace(/[:：].*$/, ''));
        return label !== null && (label.field === 'name' || label.field === 'unit');
      }),
  );
}

/**
 * The project a form's title names when the form prints no 项目名称 (`2023年社区养老服务补助项目绩效目标表`
 * → 社区养老服务补助项目): the title without its year, its form words and anything after them. Null when
 * what is left is no project (a unit's or a department's whole list of forms).
 */
function projectOfTitle(title: string, kind: string): string | null {
  if (kind === 'department-wide') return null;
  const name = title
    .replace(/^\s*(?:(?:19|20)\d{2}\s*年度?\s*)/, '')
    .replace(/(?:项目)?(?:支出)?绩效(?:目标|自评|评价|指标)[\s\S]*$/, '')
    .replace(/[(（][^()（）]*[)）]\s*$/, '')
    .replace(/[\s:：,，、_-]+$/, '')
    .trim();
  const chinese = name.replace(/[^\u4e00-\u9fa5]/g, '');
  if (chinese.length < 4 || chinese.length > 40) return null;
  if (/(?:部门|单位|本级|全市|全县|全区|全省)(?:项目)?$|^(?:部门|单位|项目)$|财政|预算/.test(name))
    return null;
  return name;
}

/**
 * The name of a department-wide table: its title, or — when the title is only the form's own name
 * (`部门整体支出绩效目标申报表`) — the department's name with 部门整体支出.
 */
function departmentWideName(title: string, unit: string | null): string {
  const name = title.replace(/[(（].*$/, '').trim();
  const generic = /^(?:(?:19|20)\d{2}\s*年度?)?\s*部门整体(?:支出)?(?:项目)?绩效/.test(name);
  return generic && unit !== null ? `${unit}部门整体支出` : name;
}

function titleOf(lines: readonly SourceLine[]): string {
  for (const { text } of lines.slice(0, 30)) {
    const m = formTitle.exec(text);
    if (m) return text.trim().slice(0, 200);
  }
  return '';
}

/**
 * A report (`…绩效自评报告`) states the year's results clause by clause (`办理法律援助案件94件;…`): a clause
 * whose figure carries no comparison sign and no result of its own states what was done, not a target. Such
 * clauses are not rows; one warning names them, and every other row keeps its own warnings.
 */
function withoutStatedResults(
  stream: ReturnType<typeof readIndicatorStream>,
): ReturnType<typeof readIndicatorStream> {
  // A bare year (`2021年`, of `2021年度下达资金…`) opens the sentence a heading is followed by: no deadline.
  const stated = (i: Indicator) =>
    !i.actual &&
    i.target.operator === null &&
    (i.target.kind === 'quantitative' ||
      ((i.target.kind === 'date' || i.target.kind === 'period') && /^\s*\d{4}\s*年\s*$/.test(i.target.raw)));
  const keptAt = new Map<number, number>();
  const results: Indicator[] = [];
  stream.indicators.forEach((i, n) => {
    if (stated(i)) results.push(i);
    else keptAt.set(n, keptAt.size);
  });
  if (results.length === 0) return stream;
  const warnings: Warning[] = [];
  for (const w of stream.warnings) {
    const m = /^indicators\.(\d+)(.*)$/.exec(w.path ?? '');
    if (!m) warnings.push(w);
    else if (keptAt.has(Number(m[1])))
      warnings.push({ ...w, path: `indicators.${keptAt.get(Number(m[1]))}${m[2]}` });
  }
  const listed = results.map((i) => `${i.name}${i.target.raw}`).join('；');
  const first = stream.warnings.find(
    (w) => w.path === `indicators.${stream.indicators.indexOf(results[0] as Indicator)}`,
  );
  warnings.push({
    code: 'import.results_without_target',
    zh: `报告中 ${results.length} 处只写了完成情况、未写目标值，未作为指标导入：${listed}`,
    en: `${results.length} clause(s) of the report state a result without a target and were not imported as indicators: ${listed}`,
    ...(first?.line !== undefined ? { line: first.line } : {}),
  });
  return { ...stream, indicators: stream.indicators.filter((_, n) => keptAt.has(n)), warnings };
}

/** The title of the report a page publishes, where it prints no form title: it names only the kind. */
function reportTitleOf(lines: readonly SourceLine[]): string {
  return (
    lines
      .slice(0, 30)
      .find(({ text }) => reportTitle.test(text))
      ?.text.trim() ?? ''
  );
}

/**
 * Reads performance target tables (and self-evaluation / department-wide forms) from extracted text:
 * one or more forms, in any of the layouts extraction tools produce. Never throws on odd text: what
 * cannot be read becomes a located warning, a cut-off document is returned as read and marked
 * incomplete, and nothing is invented.
 */
export function importText(text: string): ImportTextResult {
  const script = simplifyScript(text);
  const clean = normaliseText(script.text);
  const lines: SourceLine[] = clean.split('\n').map((t, i) => ({ text: t, line: i + 1 }));
  const endsCut = clean.length > 0 && !/[\s|]$/.test(clean);
  const forms = splitForms(lines);
  const tables: PerformanceTable[] = [];
  const warnings: Warning[] = [];
  const rowSources: RowSources = [];
  const read: PerformanceTable[] = [];
  // A form that prints no year of its own takes the one of the text before it (the page's title,
  // `…2023年项目绩效自评表公开`, above the form it publishes); likewise the page's publisher. Of the forms
  // before, only the lines readYear and unitOfPage answer from are kept: rereading all of them for each
  // form took the square of their number.
  const yearBefore = keptBefore(forms, yearLines);
  const unitBefore = keptBefore(forms, unitLines);
  forms.forEach((formLines, n) => {
    const inherited = () => readYear(yearBefore(n), null);
    const pageUnit = () => unitOfPage([...unitBefore(n), ...formLines]);
    read.push(
      ...readForm(formLines, endsCut && n === forms.length - 1, inherited, pageUnit).filter(
        // A page title split off as a form of its own holds no table: nothing to import.
        (table) => forms.length === 1 || table.indicators.length > 0 || table.name !== '（未注明）',
      ),
    );
  });
  for (const table of joinRowsBeforeHeader(read)) {
    if (script.converted) table.warnings.push(TRADITIONAL_WARNING);
    rowSources.push(takeRowSources(table));
    tables.push(table);
    warnings.push(...table.warnings);
  }
  return { tables, warnings, rowSources };
}

// What the printed weights of a whole table add up to under the schemes in use: indicators 90 (budget
// execution 10), 80 (execution 20) or all 100.
const WEIGHT_TOTALS = [80, 90, 100];

/**
 * Weights read for every row of a complete table that add up to no scheme's total: a row or a weight was
 * probably misread (a fused cell, a shifted column), so the preview asks for a check.
 */
function weightsWarning(table: PerformanceTable): Warning | null {
  if (table.incomplete || table.indicators.length < 3) return null;
  let total = 0;
  for (const indicator of table.indicators) {
    if (indicator.weight === null || indicator.weight === undefined) return null;
    total += indicator.weight;
  }
  if (WEIGHT_TOTALS.some((t) => Math.abs(total - t) < 0.01)) return null;
  const rounded = Math.round(total * 100) / 100;
  return {
    code: 'import.weights_total',
    zh: `各指标分值合计 ${rounded} 分，不是评分方案的合计（90、80 或 100 分）：请核对是否有指标或分值读错`,
    en: `The indicators' weights add up to ${rounded}, no scheme's total (90, 80 or 100): check for a misread row or weight`,
    path: 'indicators',
  };
}

/** Drops indicators whose name is a single character (and their cells). */
// Two characters of a word anywhere in a name (tested without collecting them: this runs on every row).
const TWO_WORD_CHARACTERS = /[\u4e00-\u9fa5A-Za-z0-9][\s\S]*[\u4e00-\u9fa5A-Za-z0-9]/;

function dropCharacterNames(block: IndicatorBlock): void {
  for (let k = block.indicators.length - 1; k >= 0; k--) {
    const name = block.indicators[k]?.name ?? '';
    if (!TWO_WORD_CHARACTERS.test(name)) {
      block.indicators.splice(k, 1);
      block.cells.splice(k, 1);
    }
  }
}

/** Drops the first of two consecutive indicators with the same name (and its cell). */
function keepLastOfPairs(block: IndicatorBlock): void {
  for (let k = block.indicators.length - 2; k >= 0; k--) {
    if (block.indicators[k]?.name === block.indicators[k + 1]?.name) {
      block.indicators.splice(k, 1);
      block.cells.splice(k, 1);
    }
  }
}

const UNIT_SOURCES = {
  supervisor: ['主管部门', 'the supervising department'],
  publisher: ['发布机构（网页）', 'the publisher the page names'],
  addressee: ['通知的收文单位', "the notice's addressee"],
} as const;

function unitImpliedWarning(unit: string, source: UnitSource, line: number | undefined): Warning {
  const [zh, en] = UNIT_SOURCES[source];
  return {
    code: 'import.unit_implied',
    zh: `表中没有申报单位：单位取自${zh}“${unit}”，请核对`,
    en: `The form prints no reporting unit: "${unit}" was taken from ${en}; please check`,
    line,
    path: 'unit',
  };
}

const TRADITIONAL_WARNING: Warning = {
  code: 'import.traditional_script',
  zh: '文档为繁体字，已按简体字读取',
  en: 'The document is in traditional characters; it was read in simplified script',
};

/** A line of a web page's furniture below a form: attachments, the QR-code note, download/print links. */
const PAGE_FOOTER =
  /^(?:附件[:：]?|扫一扫.{0,20}|(?:\[?\s*(?:下载|打印|关闭|返回|返回顶部|分享)\s*\]?\s*)*\[?)$/;
// The words of a government site's own footer (主办/承办, its ICP and security numbers, its address and
// contacts): a line holding them belongs to the page, not to the form.
const SITE_FOOTER_WORDS =
  /ICP备|公网安备|网站标识码|版权所有|主办单位|承办|技术支持|内容保障|网站地图|网站监督电话|公务邮箱|扫一扫/;
// `XX市人民政府主办`: the one footer word with a run of characters before it. Tried alone and only on a
// line holding 主办: in one pattern with the words above, the run was tried at every position of every
// line, and a form flattened onto one line (thousands of characters) is asked this too.
const HOST_BEFORE = /[^\s|]{2,20}主办/;

function isSiteFooter(line: string): boolean {
  return SITE_FOOTER_WORDS.test(line) || (line.includes('主办') && HOST_BEFORE.test(line));
}

/** A line of a web page's furniture below a form (a list bullet before it allowed), or a blank one. */
function isPageFooter(text: string): boolean {
  const line = text.trim().replace(/^[-•·*]\s*/, '');
  return line === '' || PAGE_FOOTER.test(line) || isSiteFooter(line);
}

function readForm(
  lines: readonly SourceLine[],
  endsCut: boolean,
  inheritedYear: () => number | null = () => null,
  pageUnit: () => ReturnType<typeof unitOfPage> = () => null,
): PerformanceTable[] {
  const grid = toGrid(lines, endsCut);
  const tokens = toTokens(grid);
  const rowsMeaningful = grid.layout !== 'stream';
  const warnings: Warning[] = [];
  const formKind = kindOfTitle(titleOf(lines));
  const printedHeader = findIndicatorHeader(tokens, grid.layout);
  const captioned = printedHeader && withColumnsFromCells(printedHeader, tokens, formKind);
  // Rows without their caption row are read in the national columns of the form's kind (and kept
  // only when they read more rows than the running-text reader, below).
  const header = captioned ?? headerlessTable(tokens, formKind);
  const headerEnd = header?.start ?? tokens.length;
  const firstIndicatorLine = header
    ? (tokens[header.start]?.line ?? Number.POSITIVE_INFINITY)
    : Number.POSITIVE_INFINITY;
  const headerLines = lines.filter((l) => l.line < firstIndicatorLine);
  // A form flattened onto one line starts its indicator table mid-line: the text before the caption
  // is header too (it may declare the money unit, `项目资金(万元)`).
  const captionCell = header ? tokens[header.start] : null;
  const captionLine = captionCell ? lines.find((l) => l.line === captionCell.line) : undefined;
  const headerText = [
    ...headerLines.map((l) => l.text),
    captionCell && captionLine ? captionLine.text.slice(0, Math.max(0, captionCell.column - 1)) : '',
  ].join('\n');
  const fields = readHeader(tokens, headerEnd, rowsMeaningful);
  const budget = readBudget(tokens, headerEnd, headerText, warnings);
  const lineTexts = lines.map((l) => l.text);
  const rawText = lineTexts.join('\n');
  const glued = readGluedHeader(lineTexts, moneyUnitOf(headerText));
  if (glued) {
    fields.name ??= glued.name;
    fields.unit ??= glued.unit;
    fields.supervisingDepartment ??= glued.supervisingDepartment;
    if (budget.total === undefined && glued.total !== null) budget.total = glued.total;
    if (budget.currentYear === undefined && glued.currentYear !== null)
      budget.currentYear = glued.currentYear;
  }
  // A department-wide form's first row holds the unit and its money under one line of captions.
  if (fields.unit === null || budget.total === undefined) {
    const unitRow = readUnitRow(
      headerLines.map((l) => l.text),
      moneyUnitOf(headerText),
    );
    if (unitRow) {
      fields.unit ??= unitRow.unit;
      if (budget.total === undefined && unitRow.total !== null) budget.total = unitRow.total;
    }
  }
  const executionLine = lineTexts.find(
    (l) => l.length > 60 && l.includes('预算执行情况') && !/[|\t]/.test(l),
  );
  if (executionLine !== undefined && budget.adjusted === undefined && budget.executed === undefined) {
    const unit = /预算执行情况\s*[(（]\s*万元/.test(executionLine) ? '万元' : moneyUnitOf(headerText);
    const execution = readGluedExecution(executionLine, unit);
    if (execution) Object.assign(budget, { ...execution.budget, ...budget });
  }
  if (declaredMoneyUnit(headerText) === null && rescaleToWan(budget, rawText)) {
    warnings.push({
      code: 'import.money_unit_inferred',
      zh: '表中金额未注明单位，按文中同一金额的“万元”读取：请核对',
      en: 'The form names no money unit; its amounts were read in 万元, as the text gives the same amount elsewhere: please check',
      path: 'budget',
    });
  }
  const proseBudget = readProseBudget(budget, headerText);
  if (proseBudget) warnings.push(proseBudget);
  const narrative = readNarrative(headerLines);
  const title = titleOf(lines);
  const titleKind = kindOfTitle(title || reportTitleOf(lines));
  const printedYear = readYear(lines, fields.name) ?? inheritedYear();
  const { year, warning: yearWarning } =
    printedYear === null ? fillInYear() : { year: printedYear, warning: null };
  const firstLine = lines.find((l) => l.text.trim() !== '');
  // Without a caption, a project name or a form title the text is a form only when its running text
  // lists targets by level (a 公示 page in prose: `数量指标：慰问人数=9人，当年实际完成9人。`).
  // The whole text read as running text, at most once: it decides whether an untitled text is a form,
  // and is what a form without a cell-by-cell table is read as.
  let wholeStream: ReturnType<typeof readIndicatorStream> | null = null;
  const streamOfWhole = () => (wholeStream ??= readIndicatorStream(rawText, lines[0]?.line ?? 1, year));
  if (captioned === null && fields.name === null && title === '' && streamOfWhole().indicators.length < 2)
    return [];

  let blocks: IndicatorBlock[] = [{ lead: null, indicators: [], cells: [] }];
  let cutOff = endsCut;
  const beforeRows = warnings.length;
  if (header) {
    const result = readIndicators(tokens, header, grid.layout, rowsMeaningful, year);
    blocks = result.blocks.length > 0 ? result.blocks : blocks;
    // Mid-term and annual groups side by side: each indicator is read twice; the annual one is printed last.
    if (header.repeatedGroup) for (const block of blocks) keepLastOfPairs(block);
    // A character of a caption spelled out cell by cell (`绩` `效` `指` `标`) that no name took as its tail.
    for (const block of blocks) dropCharacterNames(block);
    warnings.push(...result.warnings);
    const execution = result.execution;
    if (execution?.weight != null) budget.executionWeight ??= execution.weight;
    if (execution?.score != null) budget.executionScore ??= execution.score;
    const only = blocks.length === 1 ? blocks[0] : undefined;
    if (captioned === null && only)
      warnings.push(
        ...noCaptionRowWarnings(
          header,
          only.indicators,
          only.cells.map((c) => c.line),
        ),
      );
    else if ((captioned?.columnsFromCells || captioned?.unsettledColumns) && only)
      warnings.push(
        ...columnsFromCellsWarnings(
          header,
          only.indicators,
          only.cells.map((c) => c.line),
        ),
      );
    const lastText = lines.findLast((l) => l.text.trim() !== '')?.text.trim() ?? '';
    const unfinished = !/[。.!！?？)）:：;；]$/.test(lastText);
    // A footnote that stops mid-sentence was cut off, with or without a final newline.
    const cutNote = /^(注|说明|备注|填表说明|填报说明)/.test(lastText) && unfinished;
    // Without a closing row (合计, signatures, notes) a table is whole only when it reached the last
    // level of its framework: 满意度 (national) or 影响力 (Shanghai).
    const stoppedEarly =
      result.endedAt === null && (result.endsOnLabel || !/满意度|影响力/.test(result.lastLevel1 ?? ''));
    const nothingRead = result.blocks.every((b) => b.indicators.length === 0);
    // A last line that is a signature or contact line (填报人：…\t联系电话：…) after the table's closing row
    // is complete as printed: the text ending without a newline there cuts nothing off.
    const signedOff =
      result.endedAt !== null &&
      /^(填表人|填报人|制表人|经办人|联系人|联系电话|单位负责人|审核人)/.test(lastText);
    // A web page's own footer after the table's closing row (`附件:`, `扫一扫在手机打开当前页`, `[下载] [打印] [`)
    // is what was cut, not the form.
    const endLine = result.endedAt === null ? undefined : tokens[result.endedAt]?.line;
    const footerOnly = endLine !== undefined && lines.every((l) => l.line < endLine || isPageFooter(l.text));
    cutOff =
      result.cutOff ||
      (endsCut && unfinished && !signedOff && !footerOnly) ||
      cutNote ||
      stoppedEarly ||
      nothingRead;
  } else {
    // A form cut off before its indicator table is incomplete, not a form without indicators.
    cutOff = true;
    warnings.push({
      code: 'import.no_indicators',
      zh: '未找到绩效指标表（一级指标/二级指标/三级指标）',
      en: 'No indicator table (一级指标/二级指标/三级指标) was found',
      line: firstLine?.line,
    });
  }
  // Nothing read cell by cell: the table's borders may be lost (one line, prose). Read it as running text.
  // Rows read without a caption row in the national columns are a guess too: the running text may read
  // more of them. Columns the rows' cells settled are as good as a caption row.
  const cellRows = blocks.reduce((n, b) => n + b.indicators.length, 0);
  if (cellRows === 0 || (captioned === null && header?.columnsFromCells !== true)) {
    const from = Number.isFinite(firstIndicatorLine) ? firstIndicatorLine : (lines[0]?.line ?? 1);
    const body = lines.filter((l) => l.line >= from);
    const stream =
      body.length === lines.length
        ? streamOfWhole()
        : readIndicatorStream(body.map((l) => l.text).join('\n'), body[0]?.line ?? 1, year);
    const read = title === '' && reportTitleOf(lines) !== '' ? withoutStatedResults(stream) : stream;
    if (read.indicators.length > cellRows) {
      blocks = [{ lead: null, indicators: read.indicators, cells: [] }];
      const kept = warnings.slice(0, beforeRows).filter((w) => w.code !== 'import.no_indicators');
      warnings.length = 0;
      warnings.push(...kept, ...read.warnings);
      const lastText = lines.findLast((l) => l.text.trim() !== '')?.text.trim() ?? '';
      cutOff =
        endsCut &&
        !/[。.!！?？)）:：;；]$/.test(lastText) &&
        !/满意/.test(stream.indicators.at(-1)?.level1 ?? '');
    }
  }
  if (cutOff) {
    const last = lines.at(-1);
    warnings.push({
      code: 'import.truncated',
      zh: '文档在表格中途截断：只导入了已读到的内容，表格标记为不完整',
      en: 'The document stops part-way through the table: only what was read is imported and the table is marked incomplete',
      line: last?.line,
    });
  }
  // Without a year the rows are what make the text a form: a name alone (`项目名称 …` in any file) is not.
  if (yearWarning && blocks.every((b) => b.indicators.length === 0)) return [];
  if (yearWarning) warnings.push({ ...yearWarning, line: firstLine?.line });
  const tables: PerformanceTable[] = [];
  // Rows of a multi-project table print the unit only on the first project of each unit.
  let leadUnit: string | null = null;
  for (const block of blocks) {
    if (block.lead === null && blocks.length > 1 && block.indicators.length === 0) continue;
    const tableWarnings = [...warnings];
    const lead = block.lead;
    if (lead?.unit) leadUnit = splitCode(lead.unit).name;
    const printedUnit = lead ? (leadUnit ?? fields.unit) : fields.unit;
    // A form that prints no unit is the supervising department's own, or the page's publisher's. A
    // department printed as an upper level's (市级主管部门 on a transfer form a notice sends down) passes the
    // money on: the unit the page names (the notice's addressee) comes before it.
    const supervisor =
      fields.supervisingDepartment !== null
        ? { unit: fields.supervisingDepartment, source: 'supervisor' as const }
        : null;
    const implied =
      printedUnit !== null
        ? null
        : fields.supervisorRank > 0
          ? (pageUnit() ?? supervisor)
          : (supervisor ?? pageUnit());
    const unit = printedUnit ?? implied?.unit ?? null;
    if (implied) tableWarnings.push(unitImpliedWarning(implied.unit, implied.source, firstLine?.line));
    // Only a table with rows: a page title split off as a form of its own stays nameless (and is dropped).
    const fromTitle =
      (lead?.project ?? fields.name) || block.indicators.length === 0
        ? null
        : projectOfTitle(title, titleKind);
    const name =
      lead?.project ??
      fields.name ??
      (titleKind === 'department-wide' ? departmentWideName(title, unit) : fromTitle);
    if (unit === null) {
      tableWarnings.push({
        code: 'import.no_unit',
        zh: '未找到申报单位/实施单位',
        en: 'No reporting or implementing unit was found',
        line: firstLine?.line,
        path: 'unit',
      });
    }
    if (fromTitle !== null && name === fromTitle) {
      tableWarnings.push({
        code: 'import.name_from_title',
        zh: `表中没有“项目名称”：项目名称取自标题“${fromTitle}”，请核对`,
        en: `The form prints no 项目名称: the project name "${fromTitle}" was taken from its title; please check`,
        line: firstLine?.line,
        path: 'name',
      });
    }
    if (name === null) {
      tableWarnings.push({
        code: 'import.no_name',
        zh: '未找到项目名称',
        en: 'No project name was found',
        line: firstLine?.line,
        path: 'name',
      });
    }
    let tableBudget = budget;
    if (lead?.budget) {
      const yuan = parseAmount(lead.budget, moneyUnitOf(headerText))?.yuan ?? null;
      tableBudget = { currentYear: yuan };
    }
    const isLast = block === blocks.at(-1);
    const monitoring = isMonitoringForm(title, block.indicators);
    if (monitoring) {
      const money = readMonitoringMoney(tokens, headerEnd, moneyUnitOf(headerText));
      tableBudget = { ...tableBudget };
      delete tableBudget.executed;
      if (money.annual !== null && tableBudget.currentYear == null) tableBudget.currentYear = money.annual;
    } else {
      for (const indicator of block.indicators) foldProgress(indicator);
    }
    // A form whose title names no kind of form (none, or a notice's `…资金使用情况`) and that reports results
    // row by row (a 公示 of what was achieved) is a self-evaluation.
    const reported = block.indicators.filter(
      (i) => i.actual || (i.score !== undefined && i.score !== null),
    ).length;
    const kind =
      !formTitle.test(title) && titleKind === 'target' && reported * 2 > block.indicators.length
        ? 'self-evaluation'
        : titleKind;
    // A self-evaluation report that prints no budget table states the year's budget and what was spent in
    // its text.
    if (kind === 'self-evaluation' && !monitoring) {
      tableBudget = { ...tableBudget };
      const fromText = readProseExecution(tableBudget, rawText);
      if (fromText) tableWarnings.push(fromText);
    }
    const table: PerformanceTable = {
      kind,
      year,
      unit: unit ?? '（未注明）',
      name: name ?? '（未注明）',
      narrative: lead?.goal ? { goals: lead.goal } : narrative,
      budget: tableBudget,
      indicators: withRowSources(block.indicators, block.cells),
      warnings: tableWarnings,
      incomplete: cutOff && isLast,
    };
    if (monitoring) {
      const captions = header ? tokens.slice(header.start, header.end).map((t) => t?.text ?? '') : [];
      const month = cutOffMonthIn([headerText, ...captions].join('\n'));
      table.monitoring = monitoringBlock(
        month,
        readMonitoringMoney(tokens, headerEnd, moneyUnitOf(headerText)),
      );
    }
    if (!lead) {
      if (fields.supervisingDepartment !== null) table.supervisingDepartment = fields.supervisingDepartment;
      if (fields.code !== null) table.code = fields.code;
      if (fields.category !== null) table.category = fields.category;
      if (fields.startDate !== null) table.startDate = fields.startDate;
      if (fields.endDate !== null) table.endDate = fields.endDate;
      if (fields.governmentProcurement !== null) table.governmentProcurement = fields.governmentProcurement;
      if (fields.performanceType !== null) table.performanceType = fields.performanceType;
    }
    dropUnfilledSlots(table);
    const weights = weightsWarning(table);
    if (weights) table.warnings.push(weights);
    table.warnings.push(...doubtWarnings(table.indicators, table.warnings));
    tables.push(table);
  }
  return tables;
}
