// The layering of the workspace packages, checked on every `npm run check`: dependencies point inward
// (core imports nothing of the others and no Node built-in; the web app imports only core; import and
// export stay independent so either can be swapped), every package declares the @jixiao packages it
// uses, and only app.ts registers route files, so checks shared by routes live in guards/ and use-cases/;
// the server holds no SQL, in route files or anywhere else (queries live in db's repositories). Inside the server the arrows run
// routes → guards and use cases → repositories: use cases and guards import nothing from routes/, and
// db's repositories decide nothing — who may do what in which state (core's policies and workflow
// machine) is asked by use cases, so a repository only reads and writes the rows they name. The writes a
// use case audits are called only from use cases, and the repositories fully moved write no audit entry;
// application code imports no testing helper (they hold writes without audit entries).
// Tests and their helpers may reach further (an e2e harness starts the server), within declared
// dependencies or devDependencies.
import { readdirSync, readFileSync } from 'node:fs';
import { isBuiltin } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

/** The @jixiao packages each package's application code may import. */
export const allowedImports: Record<string, readonly string[]> = {
  core: [],
  import: ['core'],
  export: ['core'],
  db: ['core'],
  server: ['core', 'db', 'import', 'export'],
  cli: ['core', 'import', 'export'],
  web: ['core'],
};

export interface LayerViolation {
  /** The importing file, relative to the checked root. */
  file: string;
  specifier: string;
  message: string;
}

const SOURCE = /\.(ts|tsx|mts)$/;
/** What a query looks like in a file: Kysely's builders or a sql`` template. */
const QUERY =
  /\.(selectFrom|insertInto|updateTable|deleteFrom|replaceInto|mergeInto)\(|\bsql`|\bsql\.(raw|ref|lit|join|id|table)\(/;
/**
 * Core's modules that decide who may do what in which state. db takes their types only, and from the
 * machine the editability test that a save runs on the row it has locked (whether a state is editable
 * is a fact of the state, not of the user).
 */
const DECISION_MODULES: Record<string, readonly string[]> = {
  '@jixiao/core/accounts/policies': [],
  '@jixiao/core/workflow/workflow-policy': [],
  '@jixiao/core/workflow/workflow-machine': ['isEditable', 'assertEditable'],
};
/**
 * Storage writes whose audit entry the server's use cases write in the same transaction: only use cases
 * (and tests) call them, so no route, guard or other server file changes these rows without the entry.
 */
const USE_CASE_WRITES: Record<string, readonly string[]> = {
  '@jixiao/db/accounts.repository': [
    'insertOrganisation',
    'insertUser',
    'storeOrganisationChange',
    'storePassword',
    'storeUserChange',
  ],
  '@jixiao/db/budget-years.repository': ['storeBudgetYear'],
  '@jixiao/db/ex-ante.repository': ['storeExAnteAssessment'],
  '@jixiao/db/indicator-library.repository': ['insertLibraryEntry', 'replaceLibraryEntry'],
  '@jixiao/db/layout-templates.repository': [
    'insertLayoutTemplate',
    'retireLayoutTemplateRow',
    'shareLayoutTemplateRow',
  ],
  '@jixiao/db/rectification.repository': [
    'deleteRectificationEvidence',
    'insertRectificationEvidence',
    'insertRectifications',
    'storeLinkageDecision',
    'storeRectificationAnswer',
    'storeRectificationClose',
    'storeRectificationReturn',
  ],
  '@jixiao/db/rule-sets.repository': ['insertRuleSetVersion', 'storeRuleSetAssignment'],
  '@jixiao/db/evaluation.repository': ['saveMonitoringReport', 'saveSelfEvaluation', 'addScoreAdjustment'],
  '@jixiao/db/tables.repository': [
    'claimImportPreview',
    'confirmImportTables',
    'createTableChecked',
    'deleteTableRow',
    'insertImportPreview',
    'insertTableCopy',
    'storeTableVersion',
  ],
};
/** Repositories whose every write is audited by the use case that calls it: they write no audit entry. */
const AUDITED_BY_USE_CASES = new Set([
  'budget-years.repository.ts',
  'evaluation.repository.ts',
  'ex-ante.repository.ts',
  'indicator-library.repository.ts',
  'layout-templates.repository.ts',
  'rectification.repository.ts',
  'rule-sets.repository.ts',
]);
const AUDIT_MODULE = /(^|\/)audit\.repository(\.ts)?$/;
const TEST_SUPPORT = /(\.(test|bench|e2e)\.tsx?|\.fixtures?\.ts|\.factory\.ts)$/;

/** Test files and their helpers (fixtures, factories, anything under a testing/ folder). */
export function isTestCode(file: string): boolean {
  return TEST_SUPPORT.test(file) || file.split('/').includes('testing');
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === 'node_modules' || entry.name === 'dist') continue;
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(full));
    else if (SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

/** Every module specifier a file imports, re-exports or loads with import(). */
export function importsOf(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map((f) => f.fileName);
}

/** The names a file imports as values (not `import type`) from each module specifier. */
export function valueImportsOf(text: string): { specifier: string; names: string[] }[] {
  const source = ts.createSourceFile('file.ts', text, ts.ScriptTarget.Latest, false, ts.ScriptKind.TSX);
  const found: { specifier: string; names: string[] }[] = [];
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const clause = statement.importClause;
    if (!clause || clause.isTypeOnly) continue;
    const names: string[] = [];
    if (clause.name) names.push('default');
    const bindings = clause.namedBindings;
    if (bindings && ts.isNamespaceImport(bindings)) names.push('*');
    if (bindings && ts.isNamedImports(bindings)) {
      for (const element of bindings.elements) {
        if (!element.isTypeOnly) names.push((element.propertyName ?? element.name).text);
      }
    }
    if (names.length > 0) found.push({ specifier: statement.moduleSpecifier.text, names });
  }
  return found;
}

interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
}

/** The layering violations under `root` (a checkout of the repository); none means the check passes. */
export function checkLayers(root: string): LayerViolation[] {
  const violations: LayerViolation[] = [];
  const packagesDir = path.join(root, 'packages');
  for (const name of readdirSync(packagesDir)) {
    const allowed = allowedImports[name];
    const manifestPath = path.join(packagesDir, name, 'package.json');
    let manifest: Manifest;
    try {
      manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
    } catch {
      continue;
    }
    const declared = new Set(Object.keys(manifest.dependencies ?? {}));
    const declaredForTests = new Set([...declared, ...Object.keys(manifest.devDependencies ?? {})]);
    for (const full of sourceFiles(path.join(packagesDir, name, 'src'))) {
      const file = path.relative(root, full).split(path.sep).join('/');
      const test = isTestCode(file);
      const add = (specifier: string, message: string) => violations.push({ file, specifier, message });
      const text = readFileSync(full, 'utf8');
      if (name === 'server' && !test && QUERY.test(text)) {
        add(
          QUERY.exec(text)?.[0] ?? '',
          'the server holds no SQL: the query belongs in a repository of packages/db',
        );
      }
      if (name === 'db' && !test) {
        for (const { specifier, names } of valueImportsOf(text)) {
          const allowedNames = DECISION_MODULES[specifier];
          const decided = allowedNames && names.filter((n) => !allowedNames.includes(n));
          if (decided && decided.length > 0) {
            add(
              `${specifier} ${decided.join(', ')}`,
              'repositories decide nothing: who may do what in which state is asked in the server’s use cases',
            );
          }
        }
      }
      if (name === 'db' && !test && AUDITED_BY_USE_CASES.has(path.basename(file))) {
        for (const { specifier, names } of valueImportsOf(text)) {
          if (AUDIT_MODULE.test(specifier)) {
            add(
              `${specifier} ${names.join(', ')}`,
              'this repository’s writes are audited by the server’s use cases, in the same transaction',
            );
          }
        }
      }
      if (name === 'server' && !test && !file.startsWith('packages/server/src/use-cases/')) {
        for (const { specifier, names } of valueImportsOf(text)) {
          const written = names.filter((n) => USE_CASE_WRITES[specifier]?.includes(n) || n === '*');
          if (USE_CASE_WRITES[specifier] && written.length > 0) {
            add(
              `${specifier} ${written.join(', ')}`,
              'this write is a use case’s: call the use case, which authorises and audits it in one transaction',
            );
          }
        }
      }
      const inServerLayer = name === 'server' && /^packages\/server\/src\/(use-cases|guards)\//.test(file);
      for (const specifier of importsOf(text)) {
        const workspace = /^@jixiao\/([^/]+)/.exec(specifier)?.[1];
        if (workspace !== undefined && workspace !== name) {
          const packageName = `@jixiao/${workspace}`;
          if (!(test ? declaredForTests : declared).has(packageName)) {
            add(specifier, `${packageName} is not declared in packages/${name}/package.json`);
          }
          if (!test && allowed !== undefined && !allowed.includes(workspace)) {
            add(
              specifier,
              `${name} may import only ${allowed.map((a) => `@jixiao/${a}`).join(', ') || 'no @jixiao package'}`,
            );
          }
        }
        if (name === 'core' && !test && isBuiltin(specifier)) {
          add(
            specifier,
            'core is platform-free: no Node built-ins (they arrive through interfaces core declares)',
          );
        }
        if (name === 'web' && !test && isBuiltin(specifier)) {
          add(specifier, 'the web app runs in the browser: no Node built-ins');
        }
        if (name === 'server' && !test && specifier === 'kysely') {
          add(specifier, 'the server holds no SQL: the query belongs in a repository of packages/db');
        }
        if (inServerLayer && !test && /(^|\/)routes\//.test(specifier) && !specifier.endsWith('.routes.ts')) {
          add(
            specifier,
            'use cases and guards import nothing from routes/: the arrows run from routes to them',
          );
        }
        if (!test && /(^|\/)testing\//.test(specifier)) {
          add(specifier, 'testing helpers (unaudited writes among them) are for tests only');
        }
        if (specifier.endsWith('.routes.ts') && !test && !file.endsWith('/src/app.ts')) {
          add(specifier, 'only app.ts imports route files: shared checks belong in guards/ or use-cases/');
        }
      }
    }
  }
  return violations;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(fileURLToPath(new URL('..', import.meta.url)));
  const violations = checkLayers(root);
  for (const v of violations) console.error(`${v.file}: '${v.specifier}': ${v.message}`);
  if (violations.length > 0) {
    console.error(`层次检查失败 / Layering check failed: ${violations.length} import(s) point the wrong way`);
    process.exit(1);
  }
  console.log('Layering holds');
}
