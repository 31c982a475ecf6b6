import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { checkLayers, importsOf, valueImportsOf } from './check-layers.ts';

const repository = fileURLToPath(new URL('..', import.meta.url));

let root = '';
afterEach(() => {
  if (root) rmSync(root, { recursive: true, force: true });
  root = '';
});

/** A workspace in a temp folder: `packages` maps a package to its dependencies and its files. */
function workspace(
  packages: Record<
    string,
    { dependencies?: string[]; devDependencies?: string[]; files: Record<string, string> }
  >,
): string {
  root = mkdtempSync(path.join(tmpdir(), 'jixiao-layers-'));
  for (const [name, { dependencies = [], devDependencies = [], files }] of Object.entries(packages)) {
    const dir = path.join(root, 'packages', name);
    mkdirSync(dir, { recursive: true });
    const manifest = {
      name: `@jixiao/${name}`,
      dependencies: Object.fromEntries(dependencies.map((d) => [d, '*'])),
      devDependencies: Object.fromEntries(devDependencies.map((d) => [d, '*'])),
    };
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify(manifest));
    for (const [file, text] of Object.entries(files)) {
      mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
      writeFileSync(path.join(dir, file), text);
    }
  }
  return root;
}

const messages = (r: string) => checkLayers(r).map((v) => `${v.file} ${v.specifier}`);

describe('checkLayers', () => {
  it('passes on the repository as it is', () => {
    expect(checkLayers(repository)).toEqual([]);
  });

  it('fails when core imports another package or a Node built-in', () => {
    const r = workspace({
      core: {
        dependencies: ['@jixiao/db'],
        files: {
          'src/a.ts': "import { x } from '@jixiao/db/x';\nimport { readFileSync } from 'node:fs';\n",
          'src/b.ts': "import path from 'path';\n",
          'src/a.test.ts': "import { readFileSync } from 'node:fs';\n",
        },
      },
      db: { dependencies: ['@jixiao/core'], files: { 'src/x.ts': 'export const x = 1;\n' } },
    });
    expect(messages(r)).toEqual([
      'packages/core/src/a.ts @jixiao/db/x',
      'packages/core/src/a.ts node:fs',
      'packages/core/src/b.ts path',
    ]);
  });

  it('fails when the web app imports anything but core; its tests may use declared devDependencies', () => {
    const r = workspace({
      web: {
        dependencies: ['@jixiao/core'],
        devDependencies: ['@jixiao/server'],
        files: {
          'src/page.tsx': "import { a } from '@jixiao/core/a';\nimport { b } from '@jixiao/server/b';\n",
          'src/page.e2e.test.ts': "import { b } from '@jixiao/server/b';\n",
          'src/testing/harness.ts': "const s = await import('@jixiao/server/b');\n",
        },
      },
    });
    expect(checkLayers(r).map((v) => `${v.file} ${v.message}`)).toEqual([
      'packages/web/src/page.tsx @jixiao/server is not declared in packages/web/package.json',
      'packages/web/src/page.tsx web may import only @jixiao/core',
    ]);
  });

  it('fails when import and export import each other outside tests, or a package is undeclared', () => {
    const r = workspace({
      export: {
        dependencies: ['@jixiao/core', '@jixiao/import'],
        files: { 'src/x.ts': "export { y } from '@jixiao/import/y';\n" },
      },
      import: {
        dependencies: ['@jixiao/core'],
        files: {
          'src/y.ts': "import type { C } from '@jixiao/core/c';\nexport const y = 1;\n",
          'src/y.test.ts': "import { x } from '@jixiao/export/x';\n",
        },
      },
    });
    const found = checkLayers(r);
    expect(found.map((v) => `${v.file} ${v.message}`)).toEqual([
      'packages/export/src/x.ts export may import only @jixiao/core',
      'packages/import/src/y.test.ts @jixiao/export is not declared in packages/import/package.json',
    ]);
  });

  it('fails when a route file, or any other server file, holds a query', () => {
    const r = workspace({
      server: {
        files: {
          'src/routes/a.routes.ts': "const rows = await app.db.selectFrom('users').selectAll().execute();\n",
          'src/routes/b.routes.ts': "import { sql } from 'kysely';\n",
          'src/routes/c.routes.ts': "const selectFrom = 'words about selectFrom are fine';\n",
          'src/routes/a.routes.test.ts': "await db.selectFrom('users').selectAll().execute();\n",
          'src/main.ts': 'await sql`VACUUM ANALYZE`.execute(db);\n',
          'src/testing/seed.ts': "await db.insertInto('users').values(row).execute();\n",
        },
      },
    });
    expect(messages(r)).toEqual([
      'packages/server/src/main.ts sql`',
      'packages/server/src/routes/a.routes.ts .selectFrom(',
      'packages/server/src/routes/b.routes.ts kysely',
    ]);
  });

  it('fails when a file other than app.ts imports a route file', () => {
    const r = workspace({
      server: {
        files: {
          'src/app.ts': "import { a } from './routes/a.routes.ts';\n",
          'src/routes/a.routes.ts': "import { b } from './b.routes.ts';\n",
          'src/routes/b.routes.ts': 'export const b = 1;\n',
          'src/routes/a.routes.test.ts': "import { b } from './b.routes.ts';\n",
        },
      },
    });
    expect(messages(r)).toEqual(['packages/server/src/routes/a.routes.ts ./b.routes.ts']);
  });

  it('fails when a repository decides who may act: value imports of core’s policies and workflow rules', () => {
    const r = workspace({
      db: {
        dependencies: ['@jixiao/core'],
        files: {
          'src/a.repository.ts': [
            "import { decideTransition, isEditable } from '@jixiao/core/workflow/workflow-machine';",
            "import { can, type TableResource } from '@jixiao/core/accounts/policies';",
            "import * as workflowPolicy from '@jixiao/core/workflow/workflow-policy';",
          ].join('\n'),
          'src/b.repository.ts': [
            "import { assertEditable, isEditable } from '@jixiao/core/workflow/workflow-machine';",
            "import type { TableReadScope } from '@jixiao/core/accounts/policies';",
            "import { type Actor } from '@jixiao/core/accounts/policies';",
            "import { AppError } from '@jixiao/core/errors/app-error';",
          ].join('\n'),
          'src/a.repository.test.ts': "import { can } from '@jixiao/core/accounts/policies';\n",
        },
      },
      server: {
        dependencies: ['@jixiao/core'],
        files: { 'src/use-cases/x.ts': "import { can } from '@jixiao/core/accounts/policies';\n" },
      },
    });
    expect(messages(r)).toEqual([
      'packages/db/src/a.repository.ts @jixiao/core/workflow/workflow-machine decideTransition',
      'packages/db/src/a.repository.ts @jixiao/core/accounts/policies can',
      'packages/db/src/a.repository.ts @jixiao/core/workflow/workflow-policy *',
    ]);
  });

  it('fails when a route calls a write its use case audits, or an audited repository writes audit entries', () => {
    const r = workspace({
      db: {
        dependencies: ['@jixiao/core'],
        files: {
          'src/evaluation.repository.ts': [
            "import { type AuditActor, writeAudit } from './audit.repository.ts';",
            "import { sql } from 'kysely';",
          ].join('\n'),
          'src/accounts.repository.ts': "import { writeAudit } from './audit.repository.ts';\n",
          'src/evaluation.repository.test.ts': "import { writeAudit } from './audit.repository.ts';\n",
        },
      },
      server: {
        dependencies: ['@jixiao/core', '@jixiao/db'],
        files: {
          'src/routes/monitoring.routes.ts': [
            "import { getMonitoringReport, saveMonitoringReport } from '@jixiao/db/evaluation.repository';",
            "import { createTableRepository, type TableChange } from '@jixiao/db/tables.repository';",
          ].join('\n'),
          'src/guards/x.guards.ts': "import * as tables from '@jixiao/db/tables.repository';\n",
          'src/demo-x.ts': "import { storeTableVersion } from '@jixiao/db/tables.repository';\n",
          'src/use-cases/monitoring.ts':
            "import { saveMonitoringReport } from '@jixiao/db/evaluation.repository';\n",
          'src/routes/monitoring.routes.test.ts':
            "import { saveSelfEvaluation } from '@jixiao/db/evaluation.repository';\n",
        },
      },
    });
    expect(messages(r).sort()).toEqual([
      'packages/db/src/evaluation.repository.ts ./audit.repository.ts writeAudit',
      'packages/server/src/demo-x.ts @jixiao/db/tables.repository storeTableVersion',
      'packages/server/src/guards/x.guards.ts @jixiao/db/tables.repository *',
      'packages/server/src/routes/monitoring.routes.ts @jixiao/db/evaluation.repository saveMonitoringReport',
    ]);
  });

  it('fails when a route or the demo calls an account, calendar, library, rule set, template, ex-ante or 整改 write', () => {
    const r = workspace({
      db: {
        dependencies: ['@jixiao/core'],
        files: {
          'src/rule-sets.repository.ts': "import { writeAudit } from './audit.repository.ts';\n",
          'src/rectification.repository.ts': "import type { AuditActor } from './audit.repository.ts';\n",
          'src/accounts.repository.ts': "import { writeAudit } from './audit.repository.ts';\n",
        },
      },
      server: {
        dependencies: ['@jixiao/core', '@jixiao/db'],
        files: {
          'src/routes/budget-years.routes.ts': [
            "import { listBudgetYears, storeBudgetYear } from '@jixiao/db/budget-years.repository';",
            "import { insertLibraryEntry } from '@jixiao/db/indicator-library.repository';",
          ].join('\n'),
          'src/routes/users.routes.ts':
            "import { listUsers, storeUserChange } from '@jixiao/db/accounts.repository';\n",
          'src/routes/ex-ante.routes.ts':
            "import { storeExAnteAssessment } from '@jixiao/db/ex-ante.repository';\n",
          'src/demo-x.ts': [
            "import { insertRectifications } from '@jixiao/db/rectification.repository';",
            "import { insertRuleSetVersion } from '@jixiao/db/rule-sets.repository';",
            "import { retireLayoutTemplateRow } from '@jixiao/db/layout-templates.repository';",
          ].join('\n'),
          'src/use-cases/accounts.ts':
            "import { insertOrganisation, storePassword } from '@jixiao/db/accounts.repository';\n",
          'src/use-cases/rectification.test.ts':
            "import { storeRectificationClose } from '@jixiao/db/rectification.repository';\n",
        },
      },
    });
    expect(messages(r).sort()).toEqual([
      'packages/db/src/rule-sets.repository.ts ./audit.repository.ts writeAudit',
      'packages/server/src/demo-x.ts @jixiao/db/layout-templates.repository retireLayoutTemplateRow',
      'packages/server/src/demo-x.ts @jixiao/db/rectification.repository insertRectifications',
      'packages/server/src/demo-x.ts @jixiao/db/rule-sets.repository insertRuleSetVersion',
      'packages/server/src/routes/budget-years.routes.ts @jixiao/db/budget-years.repository storeBudgetYear',
      'packages/server/src/routes/budget-years.routes.ts @jixiao/db/indicator-library.repository insertLibraryEntry',
      'packages/server/src/routes/ex-ante.routes.ts @jixiao/db/ex-ante.repository storeExAnteAssessment',
      'packages/server/src/routes/users.routes.ts @jixiao/db/accounts.repository storeUserChange',
    ]);
  });

  it('fails when application code imports a testing helper; tests and their helpers may', () => {
    const r = workspace({
      db: {
        dependencies: ['@jixiao/core'],
        files: {
          'src/testing/table-writes.ts': "import { deleteTableRow } from '../tables.repository.ts';\n",
          'src/demo.repository.ts': "import { removeStoredTable } from './testing/table-writes.ts';\n",
        },
      },
      server: {
        dependencies: ['@jixiao/core', '@jixiao/db'],
        files: {
          'src/demo-data.ts': "import { updateStoredTable } from '@jixiao/db/testing/table-writes';\n",
          'src/testing/seed.ts': "import { storePreview } from '@jixiao/db/testing/table-writes';\n",
          'src/routes/x.routes.test.ts': "import { storePreview } from '@jixiao/db/testing/table-writes';\n",
        },
      },
    });
    expect(messages(r).sort()).toEqual([
      'packages/db/src/demo.repository.ts ./testing/table-writes.ts',
      'packages/server/src/demo-data.ts @jixiao/db/testing/table-writes',
    ]);
  });

  it('fails when a use case or a guard imports from routes/; routes may import them', () => {
    const r = workspace({
      server: {
        files: {
          'src/use-cases/a.ts': "import { similar } from '../routes/peer-evidence.ts';\n",
          'src/guards/b.guards.ts': "import { t } from '../routes/import-templates.ts';\n",
          'src/guards/c.guards.ts': "import { a } from '../use-cases/a.ts';\n",
          'src/routes/d.routes.ts':
            "import { a } from '../use-cases/a.ts';\nimport { t } from './import-templates.ts';\n",
          'src/use-cases/a.test.ts': "import { x } from '../routes/x.ts';\n",
        },
      },
    });
    expect(messages(r)).toEqual([
      'packages/server/src/guards/b.guards.ts ../routes/import-templates.ts',
      'packages/server/src/use-cases/a.ts ../routes/peer-evidence.ts',
    ]);
  });
});

describe('valueImportsOf', () => {
  it('lists the names imported as values, leaving type-only imports out', () => {
    const text = [
      "import a, { b, type C, d as e } from 'm1';",
      "import type { F } from 'm2';",
      "import * as g from 'm3';",
      "import 'm4';",
    ].join('\n');
    expect(valueImportsOf(text)).toEqual([
      { specifier: 'm1', names: ['default', 'b', 'd'] },
      { specifier: 'm3', names: ['*'] },
    ]);
  });
});

describe('importsOf', () => {
  it('finds static, type-only, re-exported and dynamic imports', () => {
    const text = [
      "import a from 'a';",
      "import type { B } from 'b';",
      "export * from 'c';",
      "const d = await import('d');",
      "// import e from 'e';",
    ].join('\n');
    expect(importsOf(text)).toEqual(['a', 'b', 'c', 'd']);
  });
});
