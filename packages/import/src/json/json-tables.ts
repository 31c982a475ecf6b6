import { AppError } from '@jixiao/core/errors/app-error';
import { type PerformanceTable, performanceTableSchema } from '@jixiao/core/tables/table.schema';
import { z } from 'zod';

/** One schema problem of a JSON document, located by line/column and field path. */
export interface JsonIssue {
  code: 'import.invalid_json' | 'import.schema';
  zh: string;
  en: string;
  line: number;
  column: number;
  path: string;
}

type Segment = string | number;

function lineColumn(text: string, offset: number): { line: number; column: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < offset && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, column: offset - last };
}

// Offsets of every value in a JSON text by its path, so a schema issue at `0.indicators.3.target` can
// say which line it is on. The text has already been checked by JSON.parse.
function valueOffsets(text: string): Map<string, number> {
  const offsets = new Map<string, number>();
  let i = 0;
  const ws = () => {
    while (i < text.length && /\s/.test(text[i] ?? '')) i++;
  };
  const str = (): string => {
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: Segment[]): void => {
    ws();
    offsets.set(path.join('.'), i);
    const ch = text[i];
    if (ch === '{') {
      i++;
      ws();
      if (text[i] === '}') {
        i++;
        return;
      }
      while (i < text.length) {
        ws();
        const k = str();
        ws();
        i++; // :
        value([...path, k]);
        ws();
        if (text[i] === ',') i++;
        else {
          i++;
          return;
        }
      }
    } else if (ch === '[') {
      i++;
      ws();
      if (text[i] === ']') {
        i++;
        return;
      }
      let n = 0;
      while (i < text.length) {
        value([...path, n++]);
        ws();
        if (text[i] === ',') i++;
        else {
          i++;
          return;
        }
      }
    } else if (ch === '"') str();
    else while (i < text.length && !/[,\]}\s]/.test(text[i] ?? '')) i++;
  };
  value([]);
  return offsets;
}

function locate(
  offsets: Map<string, number>,
  text: string,
  path: readonly PropertyKey[],
): { line: number; column: number } {
  for (let n = path.length; n >= 0; n--) {
    const offset = offsets.get(path.slice(0, n).map(String).join('.'));
    if (offset !== undefined) return lineColumn(text, offset);
  }
  return { line: 1, column: 1 };
}

/** Where the tables are in a JSON document: an array, one table, or `{ tables: [...] }`. */
function tablesOf(data: unknown): { items: unknown[]; prefix: Segment[]; single: boolean } {
  if (Array.isArray(data)) return { items: data, prefix: [], single: false };
  if (data !== null && typeof data === 'object' && 'tables' in data && Array.isArray(data.tables)) {
    return { items: data.tables, prefix: ['tables'], single: false };
  }
  return { items: [data], prefix: [], single: true };
}

/**
 * Checks a JSON document against the table schema and returns every problem with its line, column
 * and field path. A syntax error is one issue at the place JSON.parse stopped.
 */
export function validateTablesJson(text: string): { tables: PerformanceTable[]; issues: JsonIssue[] } {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const pos = /position (\d+)/.exec(message);
    const lc = /line (\d+) column (\d+)/.exec(message);
    const where =
      lc?.[1] && lc[2]
        ? { line: Number(lc[1]), column: Number(lc[2]) }
        : lineColumn(text, Number(pos?.[1] ?? 0));
    return {
      tables: [],
      issues: [
        {
          code: 'import.invalid_json',
          zh: `JSON 语法错误：${message}`,
          en: `JSON syntax error: ${message}`,
          ...where,
          path: '',
        },
      ],
    };
  }
  const offsets = valueOffsets(text);
  const { items, prefix, single } = tablesOf(data);
  const tables: PerformanceTable[] = [];
  const issues: JsonIssue[] = [];
  items.forEach((item, n) => {
    const result = performanceTableSchema.safeParse(item);
    if (result.success) {
      tables.push(result.data);
      return;
    }
    for (const issue of result.error.issues) {
      const path = [...prefix, ...(single ? [] : [n]), ...issue.path];
      const where = locate(offsets, text, path);
      const dotted = path.map(String).join('.');
      issues.push({
        code: 'import.schema',
        zh: `字段 ${dotted || '(根)'} 不符合表格格式：${issue.message}`,
        en: `Field ${dotted || '(root)'} does not match the table schema: ${issue.message}`,
        ...where,
        path: dotted,
      });
    }
  });
  return { tables, issues };
}

/** Reads tables from a JSON document, throwing a located AppError at the first problem. */
export function readTablesJson(text: string, file?: string): PerformanceTable[] {
  const { tables, issues } = validateTablesJson(text);
  const first = issues[0];
  if (first) {
    throw new AppError(first.code, first.zh, first.en, {
      file,
      line: first.line,
      column: first.column,
      path: first.path,
    });
  }
  return tables;
}

export const jsonIssueSchema = z.object({ path: z.string() });
