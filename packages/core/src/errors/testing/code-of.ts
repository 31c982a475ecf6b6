import { AppError } from '../app-error.ts';

/** Test helper: the AppError code `fn` throws, or null if it returns; any other error is rethrown. */
export function codeOf(fn: () => unknown): string | null {
  try {
    fn();
    return null;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}

/** Test helper: the AppError code `promise` rejects with, or null if it resolves; any other error is rethrown. */
export async function codeOfAsync(promise: Promise<unknown>): Promise<string | null> {
  try {
    await promise;
    return null;
  } catch (error) {
    if (error instanceof AppError) return error.code;
    throw error;
  }
}
