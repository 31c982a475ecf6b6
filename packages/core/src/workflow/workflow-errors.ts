import { AppError } from '../errors/app-error.ts';

/**
 * Someone acted on the table first: it is at `current`, the caller saw `expected`. The same answer whether
 * the check before a step or the guarded write under the row lock finds it.
 */
export function workflowVersionConflict(expected: number, current: number): AppError {
  return new AppError(
    'table.version_conflict',
    `此表已被他人处理（当前为第 ${current} 版，您看到的是第 ${expected} 版），请刷新后重试`,
    `Someone else acted on this table first (it is now version ${current}, you saw ${expected}); reload and retry`,
    { path: 'expectedVersion' },
  );
}
