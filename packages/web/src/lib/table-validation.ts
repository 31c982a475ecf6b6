import { performanceTableSchema, type TableIssueCode } from '@jixiao/core/tables/table.schema';
import type { MessageKey } from '../i18n/messages.ts';

/** One schema complaint placed at its field path (`indicators.3.name`), as a message key with params. */
export interface FieldIssue {
  path: string;
  key: MessageKey;
  params?: Record<string, string | number>;
}

interface ZodIssueLike {
  code: string;
  path: PropertyKey[];
  expected?: string;
  minimum?: number | bigint;
  maximum?: number | bigint;
  origin?: string;
  format?: string;
  params?: { code?: TableIssueCode };
}

function issueKey(issue: ZodIssueLike): Pick<FieldIssue, 'key' | 'params'> {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string' || issue.origin === 'array') return { key: 'validation.required' };
      return { key: 'validation.min', params: { n: Number(issue.minimum) } };
    case 'too_big':
      return { key: 'validation.max', params: { n: Number(issue.maximum) } };
    case 'invalid_type':
      if (issue.expected === 'number') return { key: 'validation.number' };
      if (issue.expected === 'int') return { key: 'validation.integer' };
      return { key: 'validation.required' };
    case 'custom':
      return { key: issue.params?.code === 'money.cents' ? 'validation.cents' : 'validation.invalid' };
    case 'invalid_format':
      return { key: issue.format === 'regex' ? 'validation.date' : 'validation.invalid' };
    default:
      return { key: 'validation.invalid' };
  }
}

/**
 * Checks a table being edited with THE schema of core (the same the API validates with) and returns the
 * complaints by field path, so the editor shows each beside its field before the server would refuse it.
 */
export function validateTable(table: unknown): FieldIssue[] {
  const result = performanceTableSchema.safeParse(table);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    path: issue.path.map(String).join('.'),
    ...issueKey(issue as unknown as ZodIssueLike),
  }));
}

/** Dates the editor offers are ISO days; the schema keeps them as text, so the editor checks the shape. */
export function validateDates(table: { startDate?: string | null; endDate?: string | null }): FieldIssue[] {
  const issues: FieldIssue[] = [];
  for (const key of ['startDate', 'endDate'] as const) {
    const value = table[key];
    if (value && !/^\d{4}-\d{2}-\d{2}$/.test(value)) issues.push({ path: key, key: 'validation.date' });
  }
  return issues;
}
