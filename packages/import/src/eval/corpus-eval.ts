import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import { Converter } from 'opencc-js/t2cn';
import { parseFile } from '../parse-file.ts';
import { dropPinyin } from '../text/import-text.ts';
import { cleanName } from '../text/indicators.ts';
import { key } from '../text/vocabulary.ts';

/** One labelled indicator, in the comparable form both label formats are reduced to. */
export interface ExpectedIndicator {
  name: string;
  level1: string | null;
  level2: string | null;
  operator: string | null;
  value: number | null;
  unit: string | null;
  /** Self-evaluation and weighted forms only; undefined where the label has no such column. */
  weight?: number | null;
  actual?: string | null;
  score?: number | null;
  direction?: string | null;
  /** Monitoring forms only: progress by the cut-off, expected full-year value, likelihood, as printed. */
  progress?: string | null;
  expectedValue?: string | null;
  likelihood?: string | null;
  /** The form does not print this level for the row: the label's value was inferred (null also counts). */
  level1Inferred?: string | null;
  level2Inferred?: string | null;
}

export interface ExpectedTable {
  name: string | null;
  unit: string | null;
  year: number | null;
  supervisingDepartment: string | null | undefined;
  kind: string | null;
  incomplete: boolean | null;
  budget: Record<string, number | null>;
  indicators: ExpectedIndicator[];
}

export interface LabelledDocument {
  id: string;
  file: string;
  tables: ExpectedTable[];
}

/** The label's kind of the document's first table (`target`, `self-evaluation`, `monitoring`, …). */
export function documentKind(doc: LabelledDocument): string {
  return doc.tables[0]?.kind ?? 'target';
}

/** Correct / compared for one field. */
export interface FieldScore {
  correct: number;
  total: number;
}

export const fieldNames = [
  'name',
  'level1',
  'level2',
  'operator',
  'value',
  'unit',
  'weight',
  'actual',
  'score',
  'direction',
  'progress',
  'budget',
  'header',
  'incomplete',
] as const;
export type FieldName = (typeof fieldNames)[number];

export interface DocumentScore {
  id: string;
  expected: number;
  found: number;
  matched: number;
  invented: number;
  /** Invented rows the reader marked as a guess for the person confirming the import. */
  inventedFlagged: number;
  /** Matched rows marked as a guess all the same (a false alarm costs that person a look). */
  matchedFlagged: number;
  fields: Record<FieldName, FieldScore>;
  /** What did not agree, for reading the report. */
  misses: string[];
  error?: string;
}

export interface CorpusReport {
  documents: DocumentScore[];
  total: DocumentScore;
}

type Json = Record<string, unknown>;

// Labels give text as printed; a page in traditional characters is read in simplified script (the form's
// own) and without the pinyin it printed beside its characters, so the label's text is compared that way too.
const toSimplified = Converter({ from: 'tw', to: 'cn' });

function str(v: unknown): string | null {
  return typeof v === 'string' ? dropPinyin(toSimplified(v)) : null;
}

function num(v: unknown): number | null {
  return typeof v === 'number' ? v : null;
}

function obj(v: unknown): Json {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : {};
}

function arr(v: unknown): Json[] {
  return Array.isArray(v) ? v.map(obj) : [];
}

// Labels sometimes annotate a value: `湖南省…有限公司 (实施单位, code [610001]) — a company`.
function labelText(v: unknown): string | null {
  const s = str(v);
  return s === null ? null : (s.split(/\s+[(（—]/)[0] ?? s).trim();
}

/** The inferred level a label flags (`level1_inferred: true` with the level, or the inferred text). */
function inferred(flag: unknown, level: unknown): string | null | undefined {
  if (flag === true) return str(level);
  if (typeof flag === 'string') return str(flag);
  return undefined;
}

function flatIndicator(i: Json): ExpectedIndicator {
  const op = str(i.operator);
  return {
    // A row printed without a level-3 name is named by its level-2 label (the schema needs a name).
    name: str(i.level3) ?? str(i.level2) ?? '',
    level1: str(i.level1),
    level2: str(i.level2),
    operator: op === 'qualitative' ? null : op,
    value: num(i.value),
    unit: str(i.unit),
    ...('weight' in i ? { weight: num(i.weight) } : {}),
    ...('actual' in i ? { actual: str(i.actual) } : {}),
    ...('score' in i ? { score: num(i.score) } : {}),
    ...('direction' in i ? { direction: str(i.direction)?.replace(/指标$/, '') ?? null } : {}),
    ...('progress' in i ? { progress: str(i.progress) } : {}),
    ...('expected_full_year' in i ? { expectedValue: str(i.expected_full_year) } : {}),
    ...('likelihood' in i ? { likelihood: str(i.likelihood) } : {}),
    ...(inferred(i.level1_inferred, i.level1) === undefined
      ? {}
      : { level1Inferred: inferred(i.level1_inferred, i.level1) }),
    ...(inferred(i.level2_inferred, i.level2) === undefined
      ? {}
      : { level2Inferred: inferred(i.level2_inferred, i.level2) }),
  };
}

function flatBudget(b: Json): Record<string, number | null> {
  const out: Record<string, number | null> = {};
  const yuan = (v: unknown): number | null | undefined => {
    if (v === null) return null;
    const o = obj(v);
    return 'yuan' in o ? num(o.yuan) : undefined;
  };
  const set = (field: string, v: number | null | undefined) => {
    if (v !== undefined) out[field] = v;
  };
  set('total', yuan(b.total));
  set('currentYear', yuan(b.current_year) ?? yuan(b.current_year_local));
  set('initial', yuan(b.initial));
  set('adjusted', yuan(b.adjusted));
  set('executed', yuan(b.executed));
  const row = obj(b.total_row);
  if ('initial_yuan' in row) {
    set('initial', num(row.initial_yuan));
    set('adjusted', num(row.full_year_yuan));
    set('executed', num(row.executed_yuan));
  }
  return out;
}

function fromFlatLabel(label: Json): ExpectedTable[] {
  const main: ExpectedTable = {
    name: labelText(label.project),
    unit: labelText(label.unit),
    year: num(label.year),
    supervisingDepartment:
      'supervising_department' in label ? labelText(label.supervising_department) : undefined,
    kind: str(label.kind),
    incomplete: label.truncated === true,
    budget: flatBudget(obj(label.budget)),
    indicators: arr(label.indicators).map(flatIndicator),
  };
  const extra = arr(label.additional_tables).map(
    (t): ExpectedTable => ({
      name: labelText(t.project),
      unit: labelText(t.unit) ?? main.unit,
      year: main.year,
      supervisingDepartment: undefined,
      kind: main.kind,
      incomplete: t.truncated === true,
      budget: flatBudget(obj(t.budget)),
      indicators: arr(t.indicators).map(flatIndicator),
    }),
  );
  if (extra.length > 0) main.incomplete = false;
  return [main, ...extra];
}

function fromCanonical(table: Json): ExpectedTable {
  return {
    name: str(table.name),
    unit: str(table.unit),
    year: num(table.year),
    supervisingDepartment: undefined,
    kind: str(table.kind) ?? 'target',
    incomplete: table.incomplete === true,
    budget: Object.fromEntries(Object.entries(obj(table.budget)).map(([k, v]) => [k, num(v)])),
    indicators: arr(table.indicators).map((i) => {
      const target = obj(i.target);
      return {
        name: str(i.name) ?? '',
        level1: str(i.level1),
        level2: str(i.level2),
        operator: str(target.operator),
        value: num(target.value),
        unit: str(target.unit),
      };
    }),
  };
}

/** Reads every labelled document of a corpus folder (`seed.expected.json` and `dev/NN.txt` + `NN.json`). */
export function loadCorpus(corpusDir: string): LabelledDocument[] {
  const docs: LabelledDocument[] = [];
  const seedLabel = path.join(corpusDir, 'seed.expected.json');
  if (existsSync(seedLabel)) {
    const label = obj(JSON.parse(readFileSync(seedLabel, 'utf8')));
    const source = str(label.source) ?? '';
    const file = path.join(corpusDir, '..', 'seeds', source);
    if (existsSync(file)) docs.push({ id: 'seed', file, tables: arr(label.tables).map(fromCanonical) });
  }
  for (const set of ['dev', 'test', 'holdout'])
    docs.push(...loadLabelledFolder(path.join(corpusDir, set), set));
  return docs;
}

/** Reads the `NN.<ext>` + `NN.json` pairs of one folder (ids `<prefix>/NN`); none when it does not exist. */
export function loadLabelledFolder(dir: string, prefix: string): LabelledDocument[] {
  if (!existsSync(dir)) return [];
  const docs: LabelledDocument[] = [];
  const entries = readdirSync(dir).sort();
  for (const entry of entries) {
    if (!entry.endsWith('.json')) continue;
    const base = entry.slice(0, -5);
    const source = entries.find((f) => f.startsWith(`${base}.`) && !f.endsWith('.json'));
    if (!source) continue;
    const label = obj(JSON.parse(readFileSync(path.join(dir, entry), 'utf8')));
    docs.push({ id: `${prefix}/${base}`, file: path.join(dir, source), tables: fromFlatLabel(label) });
  }
  return docs;
}

/** Comparison form of a printed name: template marks, brackets' width and whitespace do not count. */
export function nameKey(text: string): string {
  return key(cleanName(text)).replace(/[“”"'‘’]/g, '');
}

function levelKey(text: string | null | undefined): string | null {
  if (text === null || text === undefined) return null;
  return key(text).replace(/\(?[\d.-]+\)?分\)?$|\(\d+(-\d+)?分?\)$/, '');
}

// An unprinted level may be left empty or given as inferred; a printed one must be read as printed.
function sameLevel(
  found: string | null,
  expected: string | null,
  inferredAs: string | null | undefined,
): boolean {
  if (levelKey(found) === levelKey(expected)) return true;
  if (inferredAs === undefined) return false;
  return found === null || levelKey(found) === levelKey(inferredAs);
}

function emptyFields(): Record<FieldName, FieldScore> {
  return Object.fromEntries(fieldNames.map((f) => [f, { correct: 0, total: 0 }])) as Record<
    FieldName,
    FieldScore
  >;
}

function tally(fields: Record<FieldName, FieldScore>, field: FieldName, ok: boolean): void {
  fields[field].total++;
  if (ok) fields[field].correct++;
}

function sameNumber(a: number | null | undefined, b: number | null | undefined): boolean {
  if (a === null || a === undefined) return b === null || b === undefined;
  return b !== null && b !== undefined && Math.abs(a - b) < 1e-6;
}

export function pairTables(
  expected: readonly ExpectedTable[],
  found: readonly PerformanceTable[],
): Map<number, number> {
  const pairs = new Map<number, number>();
  const used = new Set<number>();
  expected.forEach((e, n) => {
    const byName =
      e.name === null
        ? -1
        : found.findIndex((f, k) => !used.has(k) && nameKey(f.name) === nameKey(e.name ?? ''));
    // A table whose name was misread is still the one holding the label's rows: pair by shared row names
    // (its name counts as a header miss), else by position.
    const byRows = byName >= 0 ? -1 : mostSharedRows(e, found, used);
    const k =
      byName >= 0 ? byName : byRows >= 0 ? byRows : found.findIndex((_, k2) => !used.has(k2) && k2 === n);
    if (k >= 0) {
      pairs.set(n, k);
      used.add(k);
    }
  });
  return pairs;
}

function mostSharedRows(
  e: ExpectedTable,
  found: readonly PerformanceTable[],
  used: ReadonlySet<number>,
): number {
  const names = new Set(e.indicators.map((i) => nameKey(i.name)).filter((k) => k !== ''));
  let best = -1;
  let bestCount = 0;
  found.forEach((f, k) => {
    if (used.has(k)) return;
    const count = f.indicators.filter((i) => names.has(nameKey(i.name))).length;
    if (count > bestCount) {
      best = k;
      bestCount = count;
    }
  });
  return best;
}

export function matchIndicators(
  expected: readonly ExpectedIndicator[],
  found: PerformanceTable['indicators'],
): Map<number, number> {
  const pairs = new Map<number, number>();
  const used = new Set<number>();
  const keys = found.map((f) => nameKey(f.name));
  const pass = (test: (e: string, f: string) => boolean) => {
    expected.forEach((e, n) => {
      if (pairs.has(n)) return;
      const ek = nameKey(e.name);
      const k = keys.findIndex((fk, i) => !used.has(i) && ek !== '' && test(ek, fk));
      if (k >= 0) {
        pairs.set(n, k);
        used.add(k);
      }
    });
  };
  pass((e, f) => e === f);
  // The label's clean name may drop an embedded template value (`…达标率100%`): containment counts.
  pass((e, f) => f.length >= 2 && (f.includes(e) || e.includes(f)));
  return pairs;
}

/** Rows the reader marked for a person to confirm (a guess, or a figure lost in conversion). */
function flaggedRows(t: PerformanceTable): Set<number> {
  const rows = new Set<number>();
  for (const w of t.warnings) {
    const m = /^indicators\.(\d+)$/.exec(w.path ?? '');
    if (m?.[1] && (w.code === 'import.low_confidence' || w.code === 'import.value_missing'))
      rows.add(Number(m[1]));
  }
  return rows;
}

/** Imports one labelled document and compares it with its label. */
export async function scoreDocument(doc: LabelledDocument): Promise<DocumentScore> {
  const score: DocumentScore = {
    id: doc.id,
    expected: doc.tables.reduce((n, t) => n + t.indicators.length, 0),
    found: 0,
    matched: 0,
    invented: 0,
    inventedFlagged: 0,
    matchedFlagged: 0,
    fields: emptyFields(),
    misses: [],
  };
  let tables: PerformanceTable[];
  try {
    tables = (await parseFile({ name: doc.file, bytes: readFileSync(doc.file) })).tables;
  } catch (error) {
    score.error = error instanceof Error ? error.message : String(error);
    return score;
  }
  score.found = tables.reduce((n, t) => n + t.indicators.length, 0);
  const pairs = pairTables(doc.tables, tables);
  const f = score.fields;
  doc.tables.forEach((e, n) => {
    const k = pairs.get(n);
    const t = k === undefined ? undefined : tables[k];
    const headerChecks: [string, boolean][] = [
      ['year', e.year === null || t?.year === e.year],
      ['unit', e.unit === null || (t !== undefined && key(t.unit) === key(e.unit))],
      ['name', e.name === null || (t !== undefined && nameKey(t.name) === nameKey(e.name))],
      [
        'kind',
        e.kind === null || (e.kind === 'monitoring' ? (t?.monitoring ?? null) !== null : t?.kind === e.kind),
      ],
    ];
    if (e.supervisingDepartment !== undefined) {
      headerChecks.push([
        'supervisingDepartment',
        t !== undefined && key(t.supervisingDepartment ?? '') === key(e.supervisingDepartment ?? ''),
      ]);
    }
    for (const [field, ok] of headerChecks) {
      tally(f, 'header', ok);
      if (!ok)
        score.misses.push(`header ${field}: expected ${JSON.stringify((e as unknown as Json)[field])}`);
    }
    if (e.incomplete !== null) {
      tally(f, 'incomplete', (t?.incomplete ?? false) === e.incomplete);
      if ((t?.incomplete ?? false) !== e.incomplete)
        score.misses.push(`incomplete: expected ${e.incomplete}`);
    }
    for (const [field, value] of Object.entries(e.budget)) {
      const got = t ? (t.budget as Record<string, number | null | undefined>)[field] : undefined;
      const ok = sameNumber(value, got);
      tally(f, 'budget', ok);
      if (!ok) score.misses.push(`budget ${field}: expected ${value}, found ${got}`);
    }
    if (t === undefined) {
      for (const i of e.indicators) score.misses.push(`missing table row: ${i.name}`);
      return;
    }
    const matches = matchIndicators(e.indicators, t.indicators);
    e.indicators.forEach((ei, n2) => {
      const m = matches.get(n2);
      const fi = m === undefined ? undefined : t.indicators[m];
      if (fi === undefined) {
        score.misses.push(`missing: ${ei.name}`);
        return;
      }
      score.matched++;
      const checks: [FieldName, boolean, unknown, unknown][] = [
        ['name', key(fi.name) === key(ei.name), ei.name, fi.name],
        ['level1', sameLevel(fi.level1, ei.level1, ei.level1Inferred), ei.level1, fi.level1],
        ['level2', sameLevel(fi.level2, ei.level2, ei.level2Inferred), ei.level2, fi.level2],
        ['operator', fi.target.operator === ei.operator, ei.operator, fi.target.operator],
        ['value', sameNumber(ei.value, fi.target.value), ei.value, fi.target.value],
        ['unit', (fi.target.unit ?? null) === ei.unit, ei.unit, fi.target.unit],
      ];
      if (ei.weight !== undefined)
        checks.push(['weight', sameNumber(ei.weight, fi.weight), ei.weight, fi.weight]);
      if (ei.score !== undefined) checks.push(['score', sameNumber(ei.score, fi.score), ei.score, fi.score]);
      if (ei.actual !== undefined)
        checks.push(['actual', (fi.actual ?? null) === ei.actual, ei.actual, fi.actual]);
      for (const [want, got] of [
        [ei.progress, fi.progress?.value],
        [ei.expectedValue, fi.progress?.expectedValue],
        [ei.likelihood, fi.progress?.likelihood],
      ] as const) {
        if (want === undefined) continue;
        const ok = key(want ?? '') === key(got ?? '');
        checks.push(['progress', ok, want, got ?? null]);
      }
      if (ei.direction !== undefined) {
        checks.push(['direction', (fi.direction ?? null) === ei.direction, ei.direction, fi.direction]);
      }
      for (const [field, ok, want, got] of checks) {
        tally(f, field, ok);
        if (!ok)
          score.misses.push(
            `${field} of ${ei.name}: expected ${JSON.stringify(want)}, found ${JSON.stringify(got)}`,
          );
      }
    });
    const matchedFound = new Set(matches.values());
    const flagged = flaggedRows(t);
    t.indicators.forEach((fi, m) => {
      if (matchedFound.has(m)) {
        if (flagged.has(m)) score.matchedFlagged++;
        return;
      }
      score.invented++;
      if (flagged.has(m)) score.inventedFlagged++;
      score.misses.push(`invented${flagged.has(m) ? ' (flagged)' : ''}: ${fi.name} (${fi.target.raw})`);
    });
  });
  tables.forEach((t, k) => {
    if ([...pairs.values()].includes(k)) return;
    score.invented += t.indicators.length;
    score.inventedFlagged += flaggedRows(t).size;
    for (const i of t.indicators) score.misses.push(`invented (extra table ${t.name}): ${i.name}`);
  });
  return score;
}

/** Scores every document and sums the counts. */
export async function evaluateCorpus(docs: readonly LabelledDocument[]): Promise<CorpusReport> {
  const documents: DocumentScore[] = [];
  for (const doc of docs) documents.push(await scoreDocument(doc));
  return { documents, total: sumScores('total', documents) };
}

/** The counts of several documents added up under one id. */
export function sumScores(id: string, documents: readonly DocumentScore[]): DocumentScore {
  const total: DocumentScore = {
    id,
    expected: 0,
    found: 0,
    matched: 0,
    invented: 0,
    inventedFlagged: 0,
    matchedFlagged: 0,
    fields: emptyFields(),
    misses: [],
  };
  for (const d of documents) {
    total.expected += d.expected;
    total.found += d.found;
    total.matched += d.matched;
    total.invented += d.invented;
    total.inventedFlagged += d.inventedFlagged;
    total.matchedFlagged += d.matchedFlagged;
    for (const field of fieldNames) {
      total.fields[field].correct += d.fields[field].correct;
      total.fields[field].total += d.fields[field].total;
    }
  }
  return total;
}

/** Share of correct values, 1 when nothing was compared. */
export function ratio(s: FieldScore): number {
  return s.total === 0 ? 1 : s.correct / s.total;
}

/** The report as aligned text lines, one per document and a total. */
/**
 * How a split's documents came out, as counts only (so the frozen test split can be described without
 * naming a document): where the missed rows are tells whether a form went unrecognised or was read in part.
 */
export interface Outcomes {
  /** Documents with labelled rows, every one of them matched. */
  allRead: number;
  /** Some but not all of their rows matched; `rowsMissed` counts what the partly read ones lost. */
  someRead: number;
  /** None of their rows matched, though the importer gave no error. */
  noneRead: number;
  /** Refused with an error (unknown form, no indicators). */
  refused: number;
  /** Documents without labelled rows (a page cut before its indicators, a data sheet). */
  noRowsExpected: number;
  rowsMissed: { someRead: number; noneRead: number; refused: number };
  /** Documents with at least one invented row; of them, those without labelled rows, and their invented rows. */
  withInvented: number;
  rowlessWithInvented: { documents: number; rows: number };
}

export function outcomesOf(documents: readonly DocumentScore[]): Outcomes {
  const o: Outcomes = {
    allRead: 0,
    someRead: 0,
    noneRead: 0,
    refused: 0,
    noRowsExpected: 0,
    rowsMissed: { someRead: 0, noneRead: 0, refused: 0 },
    withInvented: 0,
    rowlessWithInvented: { documents: 0, rows: 0 },
  };
  for (const d of documents) {
    if (d.invented > 0) o.withInvented += 1;
    if (d.invented > 0 && d.expected === 0) {
      o.rowlessWithInvented.documents += 1;
      o.rowlessWithInvented.rows += d.invented;
    }
    const missed = d.expected - d.matched;
    if (d.expected === 0) o.noRowsExpected += 1;
    else if (d.error) {
      o.refused += 1;
      o.rowsMissed.refused += missed;
    } else if (missed === 0) o.allRead += 1;
    else if (d.matched === 0) {
      o.noneRead += 1;
      o.rowsMissed.noneRead += missed;
    } else {
      o.someRead += 1;
      o.rowsMissed.someRead += missed;
    }
  }
  return o;
}

/** One line of `outcomesOf`, zh/en. */
export function formatOutcomes(o: Outcomes): string {
  return (
    `documents 文档: all rows read 全部读出 ${o.allRead}, some 部分 ${o.someRead} (${o.rowsMissed.someRead} rows missed), ` +
    `none 全未读出 ${o.noneRead} (${o.rowsMissed.noneRead}), refused 拒绝 ${o.refused} (${o.rowsMissed.refused}), ` +
    `no rows labelled 无标注行 ${o.noRowsExpected}; with invented rows 有虚构行 ${o.withInvented} ` +
    `(of them without labelled rows 其中无标注行 ${o.rowlessWithInvented.documents}, ${o.rowlessWithInvented.rows} rows)`
  );
}

export function formatReport(
  report: CorpusReport,
  verbose = false,
  options: { perDocument?: boolean } = {},
): string {
  const pct = (s: FieldScore) => `${(ratio(s) * 100).toFixed(0).padStart(3)}%`;
  const head = `${'document'.padEnd(22)} expected found matched invented  ${fieldNames.map((f) => f.padStart(10)).join('')}`;
  const line = (d: DocumentScore) =>
    `${d.id.padEnd(22)} ${String(d.expected).padStart(8)} ${String(d.found).padStart(5)} ${String(d.matched).padStart(7)} ${String(d.invented).padStart(8)}  ${fieldNames.map((f) => pct(d.fields[f]).padStart(10)).join('')}${d.error ? `  ERROR ${d.error}` : ''}`;
  const out = [head];
  if (options.perDocument ?? true)
    for (const d of report.documents) {
      out.push(line(d));
      if (verbose) for (const m of d.misses) out.push(`    - ${m}`);
    }
  out.push(line(report.total));
  const t = report.total;
  out.push(
    `rows matched ${t.matched}/${t.expected} (${((t.matched / Math.max(1, t.expected)) * 100).toFixed(1)}%), invented ${t.invented}`,
    `  marked for a person to confirm: ${t.inventedFlagged} of the ${t.invented} invented, ${t.matchedFlagged} of the ${t.matched} matched; invented unmarked ${t.invented - t.inventedFlagged}`,
  );
  return out.join('\n');
}
