import { AppError } from '@jixiao/core/errors/app-error';
import type { Finding } from '@jixiao/core/review/finding.schema';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import { type Command, Option } from 'commander';
import { readInput, resolveInputs } from '../input.ts';
import { formatDiagnostic, toDiagnostic, write } from '../output.ts';

const checkFormats = ['text', 'json'] as const;
type CheckFormat = (typeof checkFormats)[number];

interface CheckOptions {
  ruleSet: string;
  format: CheckFormat;
  previous?: string[];
}

/** One finding of `jixiao check`, located in its file. */
export interface CheckResult extends Finding {
  file: string;
  line: number;
  table: string;
  tableIndex: number;
}

// Where each kind of field is printed: the form's label in text documents, the key in JSON.
const fieldNeedles: Record<string, readonly string[]> = {
  'narrative.overview': ['项目概况', '"overview"'],
  'narrative.basis': ['立项依据', '"basis"'],
  'narrative.necessity': ['必要性', '"necessity"'],
  'narrative.safeguards': ['制度、措施', '"safeguards"'],
  'narrative.plan': ['实施计划', '"plan"'],
  'narrative.goals': ['阶段性目标', '年度目标', '"goals"'],
  'budget.total': ['项目总预算', '总预算', '"total"'],
  'budget.currentYear': ['当年预算', '年度预算', '"currentYear"'],
  'budget.priorYearBudget': ['上年预算额', '"priorYearBudget"'],
  'budget.priorYearExecuted': ['上年预算执行数', '"priorYearExecuted"'],
  startDate: ['计划开始日期', '"startDate"'],
  endDate: ['计划完成日期', '"endDate"'],
  category: ['项目类别', '"category"'],
  unit: ['单位', '"unit"'],
};

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

/**
 * Finds the source line of each finding: the table starts where its name is printed (tables follow one
 * another in the document), an indicator where its name is printed after that, a field at its label.
 * Falls back to the table's first line when the text cannot be found (e.g. a name wrapped over lines).
 */
export function locateFindings(
  sourceText: string,
  tables: readonly PerformanceTable[],
): (f: Finding, tableIndex: number) => number {
  const starts: number[] = [];
  let from = 0;
  for (const table of tables) {
    const at = sourceText.indexOf(table.name, from);
    starts.push(at === -1 ? from : at);
    if (at !== -1) from = at + table.name.length;
  }
  return (finding, tableIndex) => {
    const start = starts[tableIndex] ?? 0;
    const end = starts[tableIndex + 1] ?? sourceText.length;
    const table = tables[tableIndex];
    const find = (needle: string, nth = 1): number => {
      let at = start - 1;
      for (let k = 0; k < nth; k++) {
        at = sourceText.indexOf(needle, at + 1);
        if (at === -1 || at > end) return -1;
      }
      return at;
    };
    // An indicator's name may also be printed in a narrative before the grid: its row is where the
    // name is followed closely by its target.
    const findRow = (name: string, target: string, nth: number): number => {
      let seen = 0;
      for (
        let at = sourceText.indexOf(name, start);
        at !== -1 && at <= end;
        at = sourceText.indexOf(name, at + 1)
      ) {
        const after = sourceText.slice(at + name.length, at + name.length + 200);
        if (after.includes(target) && ++seen === nth) return at;
      }
      return -1;
    };
    let offset = -1;
    if (finding.indicatorIndex !== undefined && table) {
      const indicator = table.indicators[finding.indicatorIndex];
      const name = indicator?.name ?? '';
      const target = indicator?.target.raw.trim() ?? '';
      const same = table.indicators.slice(0, finding.indicatorIndex + 1);
      const nth = same.filter((i) => i.name === name).length;
      const nthWithTarget = same.filter((i) => i.name === name && i.target.raw.trim() === target).length;
      if (name !== '' && target !== '') offset = findRow(name, target, nthWithTarget);
      if (offset === -1) offset = name === '' ? -1 : find(name, nth);
    } else if (finding.path !== undefined) {
      for (const needle of fieldNeedles[finding.path] ?? []) {
        offset = find(needle);
        if (offset !== -1) break;
      }
    }
    return lineAt(sourceText, offset === -1 ? start : offset);
  };
}

/** `jixiao check <files…>`: reviews tables with a rule set and prints findings like a linter. */
export function registerCheckCommand(program: Command): void {
  program
    .command('check')
    .description('按审核规则检查绩效目标表 / review performance target tables with a rule set')
    .argument(
      '<files...>',
      '文件、目录或 - 表示标准输入（JSON 或可导入的文档）/ files, directories or - (JSON or any importable document)',
    )
    .option(
      '-r, --rule-set <id>',
      "审核规则集，auto 按表的指标体系选择 / rule set: auto (by the table's framework), shanghai-2020, national-2020, national-2021-cost",
      'auto',
    )
    .addOption(
      new Option('-f, --format <format>', '输出格式 / output format').choices(checkFormats).default('text'),
    )
    .option(
      '-p, --previous <files...>',
      "上年同名项目的表（含完成值），按项目名称对应 / last year's tables of the same projects, matched by name",
    )
    .action(async (files: string[], options: CheckOptions) => {
      process.exitCode = await runCheck(files, options);
    });
}

async function readTables(name: string, bytes: Uint8Array) {
  const { parseFile } = await import('@jixiao/import/parse-file');
  return parseFile({ name, bytes });
}

/** Runs the check and returns the exit code: 0 clean, 1 findings of severity error, 2 could not run. */
export async function runCheck(files: readonly string[], options: CheckOptions): Promise<number> {
  const { autoRuleSetId, getRuleSet, resolveRuleSet } = await import('@jixiao/core/review/rule-sets');
  const { reviewTable, countBySeverity } = await import('@jixiao/core/review/review-table');
  // Refuse an unknown id before reading anything.
  if (options.ruleSet !== autoRuleSetId) getRuleSet(options.ruleSet);

  const previous = new Map<string, PerformanceTable>();
  for (const input of await resolveInputs(options.previous ?? [])) {
    for (const table of (await readTables(input.name, await readInput(input))).tables)
      previous.set(table.name, table);
  }

  const results: CheckResult[] = [];
  let failedInputs = 0;
  let tableCount = 0;
  for (const input of await resolveInputs(files)) {
    let parsed: Awaited<ReturnType<typeof readTables>>;
    try {
      parsed = await readTables(input.name, await readInput(input));
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      failedInputs++;
      process.stderr.write(`${formatDiagnostic(toDiagnostic('error', input.name, error))}\n`);
      continue;
    }
    const locate = locateFindings(parsed.sourceText, parsed.tables);
    const ofFile: CheckResult[] = [];
    parsed.tables.forEach((table, tableIndex) => {
      tableCount++;
      // Only an earlier year's table of the project is "last year" (the same file may be passed as both).
      const last = previous.get(table.name);
      const context = { previous: last && last.year < table.year ? last : null };
      for (const finding of reviewTable(table, resolveRuleSet(options.ruleSet, table), context)) {
        ofFile.push({
          file: input.name,
          line: locate(finding, tableIndex),
          table: table.name,
          tableIndex,
          ...finding,
        });
      }
    });
    // Like a linter: in file order, rule order within a line.
    results.push(...ofFile.sort((a, b) => a.line - b.line));
  }

  if (options.format === 'json') {
    await write(process.stdout, `${JSON.stringify(results, null, 2)}\n`);
  } else {
    for (const r of results) {
      const where = r.path ? ` (${r.path})` : '';
      await write(
        process.stdout,
        `${r.file}:${r.line} ${r.ruleId} ${r.severity} ${r.zh} / ${r.en}${where}\n`,
      );
    }
    const c = countBySeverity(results);
    process.stderr.write(
      `${tableCount} 个表，${results.length} 条问题（错误 ${c.error}，警告 ${c.warning}，提示 ${c.hint}）/ ` +
        `${tableCount} tables, ${results.length} findings (${c.error} errors, ${c.warning} warnings, ${c.hint} hints)\n`,
    );
  }
  if (failedInputs > 0) return 2;
  return results.some((r) => r.severity === 'error') ? 1 : 0;
}
