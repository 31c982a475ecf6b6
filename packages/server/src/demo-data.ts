import { readdir, readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { AppError } from '@jixiao/core/errors/app-error';
import { hasAuditEntry, writeAudit } from '@jixiao/db/audit.repository';
import type { Database } from '@jixiao/db/database';
import { createTableRepository } from '@jixiao/db/tables.repository';
import { parseFile } from '@jixiao/import/parse-file';
import { seedDemoAccounts } from './auth/demo-accounts.ts';
import { runDemoExAnte } from './demo-ex-ante.ts';
import { runDemoLifecycle } from './demo-lifecycle.ts';
import { demoOrganisationResolver } from './demo-organisations.ts';
import { runDemoPeers } from './demo-peers.ts';
import { runDemoRecheck } from './demo-recheck.ts';
import { runDemoRectification } from './demo-rectification.ts';

export interface DemoDataOptions {
  /** The seed document shipped in the repo (fixtures/seed.txt). */
  seedPath: string;
  /** A folder of real documents (../shared/corpus/dev); skipped when missing. */
  corpusDir?: string | null;
  log?: (message: string) => void;
}

export interface DemoDataResult {
  loaded: boolean;
  files: number;
  tables: number;
  skipped: { file: string; reason: string }[];
}

const mediaTypes: Record<string, string> = {
  '.txt': 'text/plain',
  '.pdf': 'application/pdf',
  '.xlsx': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  '.json': 'application/json',
};

/** Documents of the corpus folder worth importing: `NN.json` beside `NN.txt` is a label, not a table. */
async function corpusFiles(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const stems = new Set(
    names.filter((n) => extname(n) !== '.json').map((n) => n.slice(0, -extname(n).length)),
  );
  return names
    .filter((name) => extname(name) in mediaTypes)
    .filter((name) => !(extname(name) === '.json' && stems.has(name.slice(0, -5))))
    .sort()
    .map((name) => join(dir, name));
}

/**
 * Loads the demo on first start: demo organisations and users, the seed's three tables, and every
 * importable corpus document, each file in its own transaction with its bytes. Runs once per database
 * (a `demo.load` audit row marks it), so deleting demo tables later does not bring them back.
 */
export async function loadDemoData(db: Database, options: DemoDataOptions): Promise<DemoDataResult> {
  const log = options.log ?? (() => undefined);
  await seedDemoAccounts(db);
  const done = await hasAuditEntry(db, 'demo.load');
  if (done) return { loaded: false, files: 0, tables: 0, skipped: [] };

  const store = createTableRepository(db);
  const organisationFor = await demoOrganisationResolver(db);
  const files = [options.seedPath, ...(options.corpusDir ? await corpusFiles(options.corpusDir) : [])];
  const result: DemoDataResult = { loaded: true, files: 0, tables: 0, skipped: [] };
  for (const file of files) {
    const name = file.split(/[\\/]/).pop() ?? file;
    try {
      const bytes = new Uint8Array(await readFile(file));
      const parsed = await parseFile({ name, bytes });
      // Tables go to the organisation of the same name (the seed's unit), else to a unit made for them
      // under 示例地区单位 (demo-organisations.ts).
      const organisationId = await organisationFor(parsed.tables[0]?.unit);
      const records = await store.importBatch(
        parsed.tables,
        { name, mediaType: mediaTypes[extname(name)] ?? 'application/octet-stream', bytes },
        { userId: null, address: 'demo-data' },
        { organisationId },
      );
      result.files += 1;
      result.tables += records.length;
      log(`demo data: ${name} → ${records.length} table(s)`);
    } catch (error) {
      const reason = error instanceof AppError ? `${error.code}: ${error.en}` : String(error);
      result.skipped.push({ file: name, reason });
      log(`demo data: skipped ${name} (${reason})`);
    }
  }
  // The seed's tables then go through their life (published, in review, returned), as the demo users.
  await runDemoLifecycle(db, log);
  // Two filled 自评表 of a past year with the gaps the finance re-check (财政复核) is for.
  result.tables += await runDemoRecheck(db, log);
  // Three published, self-evaluated exhibition halls of other units: the seed's similar projects (案例库).
  result.tables += await runDemoPeers(db, log);
  // A published project graded 差 and its next year's table in review: 整改 and the budget linkage.
  result.tables += await runDemoRectification(db, log);
  // Shanghai's 2027 rules ask new projects for an ex-ante assessment; a new project waits for one.
  result.tables += await runDemoExAnte(db, log);
  await writeAudit(db, {
    actor: { userId: null, address: 'demo-data' },
    action: 'demo.load',
    entity: 'system',
    entityId: null,
    diff: { files: result.files, tables: result.tables, skipped: result.skipped },
  });
  return result;
}
