import { AppError } from '@jixiao/core/errors/app-error';
import { expect } from 'vitest';
import { parseFile } from '../parse-file.ts';

/**
 * Reads a hostile upload and says what came of it and how long it took: the number of tables, or the code
 * of the importer's own refusal (any other error fails the test).
 */
export async function timedRead(bytes: Uint8Array): Promise<{ outcome: number | string; ms: number }> {
  const started = performance.now();
  const outcome = await parseFile({ name: 'hostile.txt', bytes }).then(
    (parsed) => parsed.tables.length,
    (error: unknown) => {
      // A refusal is an answer too, as long as it is the importer's own.
      expect(error).toBeInstanceOf(AppError);
      return (error as AppError).code;
    },
  );
  return { outcome, ms: performance.now() - started };
}
