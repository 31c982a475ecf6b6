import type { DuplicateFound, ImportCandidate } from '../tables/table-record.schema.ts';
import type { ErrorCode } from './error-codes.ts';

/** Where a problem was found: a place in a source document, a field path, or both. */
export interface Location {
  file?: string;
  line?: number;
  column?: number;
  path?: string;
}

/** Extension members of a problem beyond code, text and location (problemSchema in table-record.schema.ts). */
export interface ProblemDetails {
  candidates?: ImportCandidate[];
  /** table.duplicate: the tables of the request that duplicate stored ones. */
  duplicates?: DuplicateFound[];
}

/**
 * A failure the user can act on, with a stable code that UIs and the CLI switch on
 * (never on the message text) and a message in Chinese and English.
 */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly zh: string;
  readonly en: string;
  readonly location: Location | undefined;
  /** Data the user chooses from to act on the error (e.g. the tables an import could go to). */
  readonly details: ProblemDetails | undefined;

  constructor(code: ErrorCode, zh: string, en: string, location?: Location, details?: ProblemDetails) {
    super(`${zh} / ${en}`);
    this.name = 'AppError';
    this.code = code;
    this.zh = zh;
    this.en = en;
    this.location = location;
    this.details = details;
  }
}

/** Formats a location as `file:line:column` for linters and logs. */
export function formatLocation(location: Location | undefined): string {
  if (!location) return '';
  const parts = [location.file, location.line, location.column].filter((p) => p !== undefined);
  const place = parts.join(':');
  return location.path ? `${place}${place ? ' ' : ''}(${location.path})` : place;
}
