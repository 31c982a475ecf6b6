import { AppError } from '@jixiao/core/errors/app-error';
import { Command, CommanderError } from 'commander';
import { registerCheckCommand } from './commands/check.ts';
import { registerImportCommand } from './commands/import.ts';
import { registerValidateCommand } from './commands/validate.ts';
import { formatDiagnostic, toDiagnostic } from './output.ts';

/**
 * Exit codes shared by every command: 0 success, 1 the input has problems (import errors, schema
 * violations, review findings of severity error), 2 the command could not run (bad usage, unreadable file).
 */
export const exitCodes = { ok: 0, problems: 1, usage: 2 } as const;

/**
 * Builds the `jixiao` program. Each noun lives in `commands/<noun>.ts` and exports
 * `register<Noun>Command(program)`; adding a command is one import and one line below. Commands load
 * their heavy dependencies (importer, schemas) inside their action so `--help` stays fast.
 */
export function buildProgram(): Command {
  const program = new Command('jixiao')
    .description('绩效目标表管理工具 / Jixiao: budget performance-target tables (预算绩效目标管理)')
    .version('0.1.0')
    .showHelpAfterError()
    .exitOverride();
  registerImportCommand(program);
  registerValidateCommand(program);
  registerCheckCommand(program);
  return program;
}

/** Runs the CLI with `process.argv`-style arguments and sets `process.exitCode`. */
export async function main(argv: readonly string[]): Promise<void> {
  // `jixiao import … | head` closes the pipe early: that is a normal end, not a crash.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(process.exitCode ?? 0);
    throw error;
  });
  const program = buildProgram();
  try {
    await program.parseAsync([...argv]);
  } catch (error) {
    process.exitCode = exitCodeOf(error);
    if (error instanceof AppError) {
      process.stderr.write(`${formatDiagnostic(toDiagnostic('error', undefined, error))}\n`);
    } else if (!(error instanceof CommanderError)) {
      // Commander has already printed its own usage message; anything else is a bug worth a stack trace.
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    }
  }
}

function exitCodeOf(error: unknown): number {
  if (error instanceof CommanderError) {
    // --help and --version end through exitOverride too, with exit code 0.
    return error.exitCode === 0 ? exitCodes.ok : exitCodes.usage;
  }
  return exitCodes.usage;
}
