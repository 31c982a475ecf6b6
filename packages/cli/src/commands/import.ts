import { mkdir, stat, writeFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import { AppError } from '@jixiao/core/errors/app-error';
import { importWaitReason } from '@jixiao/core/tables/import-wait-reason';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import { type Command, Option } from 'commander';
import { type InputSource, readInput, resolveInputs } from '../input.ts';
import {
  formatDiagnostic,
  jsonArrayWriter,
  type OutputFormat,
  outputFormats,
  renderTable,
  toDiagnostic,
  write,
} from '../output.ts';

interface ImportOptions {
  format: OutputFormat;
  out?: string;
  progress?: boolean;
  resume?: boolean;
}

/** What became of one input of a batch: read as is, read with notes to confirm, or refused. */
type FileResult = { status: 'imported' | 'needs-confirmation' | 'refused'; reason?: string };

/**
 * `jixiao import <files…|->`: documents in, tables out (JSON array on stdout, warnings on stderr). A
 * monitoring form's table carries `monitoring` and each indicator's `progress`, as the API's preview does.
 */
export function registerImportCommand(program: Command): void {
  program
    .command('import')
    .description(
      '导入绩效目标表（文本/PDF/Word/Excel/JSON）/ import performance target tables from documents',
    )
    .argument(
      '<files...>',
      '文件、目录、.zip 或 - 表示标准输入 / files, directories, .zip archives, or - for stdin',
    )
    .addOption(
      new Option('-f, --format <format>', '输出格式 / output format').choices(outputFormats).default('json'),
    )
    .option(
      '-o, --out <dir>',
      '每个输入写一个 JSON 文件到该目录 / write one JSON file per input into this directory',
    )
    .option('--no-progress', '不显示进度条 / no progress bar')
    .option(
      '--resume',
      '与 --out 同用：跳过输出目录中已有结果的输入，继续中断的批量导入 / with --out: skip inputs whose result is already there (go on with an interrupted batch)',
    )
    .action(async (files: string[], options: ImportOptions) => {
      process.exitCode = await runImport(files, options);
    });
}

const tableHeader = ['项目 project', '一级', '二级', '三级指标 indicator', '目标值 target', 'kind'];
/** A monitoring form (绩效运行监控表) also prints each indicator's progress at the cut-off. */
const progressHeader = ['完成情况 progress', '预计 expected', '可能性 likelihood'];

function tableRows(tables: readonly PerformanceTable[], withProgress: boolean): string[][] {
  return tables.flatMap((t) =>
    t.indicators.map((i) => [
      t.name,
      i.level1 ?? '',
      i.level2 ?? '',
      i.name,
      i.target.raw,
      i.target.kind,
      ...(withProgress
        ? [i.progress?.value ?? '', i.progress?.expectedValue ?? '', i.progress?.likelihood ?? '']
        : []),
    ]),
  );
}

function renderTables(name: string, tables: readonly PerformanceTable[]): string {
  const withProgress = tables.some((t) => t.monitoring != null);
  const header = withProgress ? [...tableHeader, ...progressHeader] : tableHeader;
  return `${name}\n${renderTable(header, tableRows(tables, withProgress))}\n\n`;
}

async function runImport(files: readonly string[], options: ImportOptions): Promise<number> {
  // The importer is loaded here, not at start-up, so `jixiao --help` stays fast.
  const { parseFile } = await import('@jixiao/import/parse-file');
  const { maxImportBytes } = await import('@jixiao/import/decode');
  const inputs = await resolveInputs(files);
  if (options.out) await mkdir(options.out, { recursive: true });
  const showProgress = options.progress !== false && process.stderr.isTTY === true && inputs.length > 1;
  const bar = showProgress ? await progressBar(inputs.length) : null;
  const writer = options.out || options.format !== 'json' ? null : jsonArrayWriter(process.stdout);
  let failed = 0;
  let done = 0;
  const results = new Map<string, FileResult>();
  for (const input of inputs) {
    if (options.out && options.resume && (await exists(join(options.out, outputName(input))))) {
      done++;
      bar?.update(done);
      continue;
    }
    try {
      const bytes = await readInput(input, maxImportBytes);
      const parsed = await parseFile({ name: input.name, bytes });
      for (const warning of parsed.warnings) {
        bar?.interrupt();
        process.stderr.write(`${formatDiagnostic(toDiagnostic('warning', input.name, warning))}\n`);
      }
      // The same reasons as the import page's batch: nothing read, a form filling another table, notes.
      const wait = importWaitReason(parsed);
      results.set(
        input.name,
        wait ? { status: 'needs-confirmation', reason: `${wait.zh} / ${wait.en}` } : { status: 'imported' },
      );
      if (options.out) {
        await writeFile(join(options.out, outputName(input)), `${JSON.stringify(parsed.tables, null, 2)}\n`);
      } else if (writer) {
        for (const table of parsed.tables) await writer.push(table);
      } else {
        await write(process.stdout, renderTables(input.name, parsed.tables));
      }
    } catch (error) {
      if (!(error instanceof AppError)) throw error;
      failed++;
      results.set(input.name, { status: 'refused', reason: `${error.zh} / ${error.en}` });
      process.stderr.write(`${formatDiagnostic(toDiagnostic('error', input.name, error))}\n`);
    }
    done++;
    bar?.update(done);
  }
  bar?.stop();
  if (inputs.length > 1) process.stderr.write(batchSummary(inputs.length, results));
  if (writer) await writer.close();
  return failed > 0 ? 1 : 0;
}

function outputName(input: InputSource): string {
  if (input.kind === 'stdin') return 'stdin.json';
  const base = basename(input.name, extname(input.name));
  return `${base}.json`;
}

async function exists(path: string): Promise<boolean> {
  return stat(path).then(
    () => true,
    () => false,
  );
}

const statusWords: Record<FileResult['status'], string> = {
  imported: '已读取 read',
  'needs-confirmation': '待确认 to confirm',
  refused: '已拒绝 refused',
};

/**
 * A batch's result on stderr: one line per input that needs a look (to confirm, with the reader's first
 * note, or refused, with the reason) and the counts; inputs skipped by --resume are counted as done before.
 */
function batchSummary(total: number, results: ReadonlyMap<string, FileResult>): string {
  const lines: string[] = [];
  const counts = { imported: 0, 'needs-confirmation': 0, refused: 0 };
  for (const [name, result] of results) {
    counts[result.status]++;
    if (result.status !== 'imported') {
      lines.push(`${statusWords[result.status]}: ${name}${result.reason ? ` — ${result.reason}` : ''}`);
    }
  }
  const skipped = total - results.size;
  lines.push(
    `${total} 个文件：已读取 ${counts.imported}，待确认 ${counts['needs-confirmation']}，已拒绝 ${counts.refused}${skipped ? `，此前已完成 ${skipped}` : ''}` +
      ` / ${total} files: ${counts.imported} read, ${counts['needs-confirmation']} to confirm, ${counts.refused} refused${skipped ? `, ${skipped} done before` : ''}`,
  );
  return `${lines.join('\n')}\n`;
}

interface Bar {
  update(n: number): void;
  interrupt(): void;
  stop(): void;
}

async function progressBar(total: number): Promise<Bar> {
  const { SingleBar, Presets } = await import('cli-progress');
  const bar = new SingleBar(
    { format: '导入 import [{bar}] {value}/{total}', stream: process.stderr, clearOnComplete: true },
    Presets.shades_classic,
  );
  bar.start(total, 0);
  return {
    update: (n) => bar.update(n),
    // A warning line would be overwritten by the next redraw: clear the bar line first.
    interrupt: () => process.stderr.write('\r\x1b[K'),
    stop: () => bar.stop(),
  };
}
