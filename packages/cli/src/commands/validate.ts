import type { Command } from 'commander';
import { readInput, resolveInputs } from '../input.ts';
import { formatDiagnostic, toDiagnostic } from '../output.ts';

/** `jixiao validate <file.json…>`: checks JSON tables against the schema, with located messages. */
export function registerValidateCommand(program: Command): void {
  program
    .command('validate')
    .description('按表格格式校验 JSON 文件 / check JSON tables against the schema')
    .argument('<files...>', 'JSON 文件或 - 表示标准输入 / JSON files, or - for stdin')
    .action(async (files: string[]) => {
      const { validateTablesJson } = await import('@jixiao/import/json/json-tables');
      let problems = 0;
      for (const input of await resolveInputs(files)) {
        const text = new TextDecoder('utf-8').decode(await readInput(input));
        const { tables, issues } = validateTablesJson(text);
        for (const issue of issues) {
          process.stderr.write(`${formatDiagnostic(toDiagnostic('error', input.name, issue))}\n`);
        }
        problems += issues.length;
        if (issues.length === 0) process.stdout.write(`${input.name}: ok (${tables.length} 表 tables)\n`);
      }
      process.exitCode = problems > 0 ? 1 : 0;
    });
}
