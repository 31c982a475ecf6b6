import type { Role } from '@jixiao/core/accounts/account.schema';

/**
 * The authorisation matrix: for EVERY API route, who gets through. The test
 * (`authorization-matrix.test.ts`) lists the real app's routes, fails when one is missing here, and calls
 * each route as each caller: a caller in `allow` must not get 401/403; anyone else must get 401
 * (anonymous) or 403 (signed in). Add a row with every new route; the policies decide what it says.
 */

export type Caller = Role | 'anonymous';

export const callers: readonly Caller[] = [
  'anonymous',
  'author',
  'department_reviewer',
  'finance_reviewer',
  'admin',
  'auditor',
];

/**
 * The record a route is called on. Demo organisations: the author's unit (上海推进科技创新中心建设办公室)
 * is under the department reviewer's 上海市科学技术委员会; `other` tables belong to 上海市教育考试院 under
 * another department.
 */
export type Scenario =
  | 'none'
  | 'own-draft'
  | 'own-submitted'
  | 'own-department-reviewed'
  | 'own-approved'
  | 'own-published'
  | 'other-draft'
  | 'other-published'
  /** An import preview uploaded by the author's unit, not yet confirmed. */
  | 'own-import';

export interface MatrixRow {
  /** `METHOD /url/:param` exactly as Fastify registers it. */
  route: string;
  scenario: Scenario;
  allow: readonly Caller[];
}

const everyone = callers;
const signedIn = callers.filter((c) => c !== 'anonymous');
const readAll: Caller[] = ['finance_reviewer', 'admin', 'auditor'];
/** Who reads a table of the author's unit that is not yet published. */
const ownUnitReaders: Caller[] = ['author', 'department_reviewer', ...readAll];
/** Who reads a table of another department's unit that is not published. */
const otherUnitReaders: Caller[] = readAll;

function row(route: string, allow: readonly Caller[], scenario: Scenario = 'none'): MatrixRow {
  return { route, scenario, allow };
}

/**
 * Reads of one table: its own readers while unpublished, everyone signed in once published. Anonymous
 * visitors never: the public portal's routes serve them the published version.
 */
function tableReads(route: string): MatrixRow[] {
  return [
    row(route, ownUnitReaders, 'own-draft'),
    row(route, ownUnitReaders, 'own-submitted'),
    row(route, otherUnitReaders, 'other-draft'),
    row(route, signedIn, 'other-published'),
  ];
}

export const authorizationMatrix: readonly MatrixRow[] = [
  // System and documentation: public.
  row('GET /api/health', everyone),
  row('GET /api/openapi.json', everyone),
  row('GET /api/docs', everyone),
  row('GET /api/docs/static/index.html', everyone),
  row('GET /api/docs/static/swagger-initializer.js', everyone),
  row('GET /api/docs/json', everyone),
  row('GET /api/docs/yaml', everyone),
  row('GET /api/docs/static/*', everyone),

  // Sign-in.
  row('POST /api/auth/login', everyone),
  row('GET /api/auth/me', everyone),
  row('POST /api/auth/logout', everyone),
  row('POST /api/auth/password', signedIn),

  // Accounts administration.
  row('GET /api/users', ['admin', 'auditor']),
  row('POST /api/users', ['admin']),
  row('PATCH /api/users/:id', ['admin']),
  row('POST /api/users/:id/password', ['admin']),
  row('GET /api/login-throttles', ['admin', 'auditor']),
  row('DELETE /api/login-throttles/:scope/:key', ['admin']),
  row('GET /api/organisations', signedIn),
  row('POST /api/organisations', ['admin']),
  row('PATCH /api/organisations/:id', ['admin']),
  row('GET /api/audit', ['admin', 'auditor']),
  row('GET /api/audit/export.csv', ['admin', 'auditor']),

  // Tables: lists are filtered by the read scope; each table by the table.* policies.
  row('GET /api/tables', signedIn),
  row('POST /api/tables', ['author']),
  ...tableReads('GET /api/tables/:id'),
  // The author of a table in review or frozen passes authorisation and is then told why the state
  // forbids the change (409 table.in_review / table.frozen / table.not_editable); others get 403.
  row('PUT /api/tables/:id', ['author'], 'own-draft'),
  row('PUT /api/tables/:id', ['author'], 'own-submitted'),
  row('PUT /api/tables/:id', [], 'other-draft'),
  row('PUT /api/tables/:id', ['author'], 'own-published'),
  row('DELETE /api/tables/:id', ['author'], 'own-draft'),
  row('DELETE /api/tables/:id', ['author'], 'own-submitted'),
  row('DELETE /api/tables/:id', [], 'other-draft'),
  // A new year's draft copied from a table: only authors of the table's own unit (who read it and create
  // in that unit), from a draft or a published table alike; another unit's table, even published, is not theirs.
  row('POST /api/tables/:id/copy', ['author'], 'own-draft'),
  row('POST /api/tables/:id/copy', ['author'], 'own-published'),
  row('POST /api/tables/:id/copy', [], 'other-draft'),
  row('POST /api/tables/:id/copy', [], 'other-published'),
  // History (earlier versions, diffs) is for signed-in readers only: the public sees what was published.
  ...tableReads('GET /api/tables/:id/versions'),
  ...tableReads('GET /api/tables/:id/versions/:version'),
  ...tableReads('GET /api/tables/:id/diff'),

  // Imports: only authors import, into their own unit; the kept file is read like the unit's drafts.
  row('POST /api/imports', ['author']),
  row('GET /api/imports/:id', ['author'], 'own-import'),
  // Where a monitoring form would go lists the unit's approved tables: the importing author only.
  row('GET /api/imports/:id/monitoring-match', ['author'], 'own-import'),
  row('GET /api/imports/:id/self-evaluation-match', ['author'], 'own-import'),
  row('GET /api/imports/:id/file', ownUnitReaders, 'own-import'),
  row('POST /api/imports/:id/confirm', ['author'], 'own-import'),

  // Workflow state follows table.read: a published table's status and history are public.
  ...tableReads('GET /api/tables/:id/workflow'),
  // Review rounds and comments are internal working papers: never public.
  ...tableReads('GET /api/tables/:id/reviews'),
  ...tableReads('GET /api/tables/:id/comments'),
  ...tableReads('GET /api/tables/:id/review-changes'),
  row('GET /api/review-queue', signedIn),
  // Exports of the printed form follow table.read, like the table itself.
  ...tableReads('GET /api/tables/:id/export.html'),
  ...tableReads('GET /api/tables/:id/export.pdf'),
  ...tableReads('GET /api/tables/:id/export.xlsx'),
  ...tableReads('GET /api/tables/:id/export.docx'),
  // Batch export (批量导出) needs a sign-in; then each listed table passes table.read or the whole batch is
  // 404 naming the id (unknown and unreadable alike), so a denied reader sees 404, never 403.
  row('POST /api/tables/export', signedIn, 'own-draft'),
  row('POST /api/tables/export', signedIn, 'other-draft'),
  // Automatic review: rule sets are public; findings follow table.read; checking a posted table needs a sign-in.
  row('GET /api/rule-sets', everyone),
  row('GET /api/rule-sets/:id', everyone),
  // Deriving rule set versions and choosing which set reviews a year: ruleset.manage (admins).
  row('POST /api/rule-sets', ['admin']),
  row('PUT /api/rule-sets/assignments', ['admin']),
  // Budget years (预算年度设置): everyone signed in reads the calendar; budget_year.manage (admins) sets it.
  row('GET /api/budget-years', signedIn),
  row('PUT /api/budget-years', ['admin']),

  // Indicator library (指标库): everyone signed in searches it; library.manage (admins) keeps it.
  row('GET /api/indicator-library', signedIn),
  row('POST /api/indicator-library', ['admin']),
  row('PUT /api/indicator-library/:id', ['admin']),
  // Column mapping and layout templates: whoever may import maps a preview and saves a template
  // for the unit; administrators (layout_template.manage) save region-wide templates and retire them.
  row('POST /api/imports/:id/mapping', ['author'], 'own-import'),
  row('GET /api/layout-templates', signedIn),
  row('POST /api/layout-templates', ['author'], 'own-import'),
  row('POST /api/layout-templates/:id/retire', ['admin']),
  row('POST /api/layout-templates/:id/region', ['admin']),
  ...tableReads('GET /api/tables/:id/findings'),
  // Similar projects (案例库) are published tables, but listed for a table: its readers only.
  ...tableReads('GET /api/tables/:id/peers'),
  // 整改 and 结果应用: reviewers above the unit open and close tasks on a self-evaluated (approved or
  // published) table, its unit's authors answer them; tasks and the linkage are read like the table's reviews.
  row('POST /api/tables/:id/rectifications', ['department_reviewer', 'finance_reviewer'], 'own-published'),
  row('POST /api/tables/:id/rectifications', ['finance_reviewer'], 'other-published'),
  row('POST /api/tables/:id/rectifications', [], 'own-draft'),
  row('POST /api/tables/:id/rectifications/answer', ['author'], 'own-published'),
  row('POST /api/tables/:id/rectifications/answer', [], 'other-published'),
  row(
    'POST /api/tables/:id/rectifications/close',
    ['department_reviewer', 'finance_reviewer'],
    'own-published',
  ),
  row('POST /api/tables/:id/rectifications/close', [], 'own-draft'),
  row(
    'POST /api/tables/:id/rectifications/return',
    ['department_reviewer', 'finance_reviewer'],
    'own-published',
  ),
  row('POST /api/tables/:id/rectifications/return', [], 'own-draft'),
  // Evidence files on an answer: added and removed by who answers, read by the table's readers.
  row('POST /api/tables/:id/rectifications/:taskId/evidence', ['author'], 'own-published'),
  row('POST /api/tables/:id/rectifications/:taskId/evidence', [], 'other-published'),
  row('DELETE /api/tables/:id/rectifications/:taskId/evidence/:fileId', ['author'], 'own-published'),
  row('DELETE /api/tables/:id/rectifications/:taskId/evidence/:fileId', [], 'other-published'),
  ...tableReads('GET /api/tables/:id/rectifications/:taskId/evidence/:fileId'),
  ...tableReads('GET /api/tables/:id/rectifications'),
  row('GET /api/rectifications', signedIn),
  ...tableReads('GET /api/tables/:id/linkage'),
  // The budget-linkage decision belongs to whoever reviews the table at its stage.
  row('PUT /api/tables/:id/linkage', ['department_reviewer'], 'own-submitted'),
  row('PUT /api/tables/:id/linkage', ['finance_reviewer'], 'own-department-reviewed'),
  row('PUT /api/tables/:id/linkage', [], 'own-draft'),
  // 事前绩效评估: read like the table; saved by the unit's authors while the table is editable.
  ...tableReads('GET /api/tables/:id/ex-ante'),
  ...tableReads('GET /api/tables/:id/ex-ante/document'),
  row('PUT /api/tables/:id/ex-ante', ['author'], 'own-draft'),
  row('PUT /api/tables/:id/ex-ante', [], 'own-submitted'),
  row('PUT /api/tables/:id/ex-ante', [], 'other-draft'),
  row('POST /api/check', signedIn),
  // Monitoring and self-evaluation: read like the table; progress and actuals are entered by
  // the authors of the table's unit once approved; scores are adjusted by the reviewers above it.
  row('GET /api/monitoring/scheme', everyone),
  row('GET /api/scoring-schemes', everyone),
  row('GET /api/monitoring/overview', signedIn),
  ...tableReads('GET /api/tables/:id/monitoring/:month'),
  row('PUT /api/tables/:id/monitoring/:month', ['author'], 'own-approved'),
  row('PUT /api/tables/:id/monitoring/:month', [], 'other-published'),
  ...tableReads('GET /api/tables/:id/self-evaluation'),
  row('PUT /api/tables/:id/self-evaluation', ['author'], 'own-approved'),
  row('PUT /api/tables/:id/self-evaluation', [], 'other-published'),
  row(
    'POST /api/tables/:id/self-evaluation/adjustments',
    ['department_reviewer', 'finance_reviewer'],
    'own-approved',
  ),
  row('POST /api/tables/:id/self-evaluation/adjustments', ['finance_reviewer'], 'other-published'),
  // Re-check (财政复核): the reviewers above units list claims by gap and decide per row.
  row('GET /api/self-evaluations/recheck', ['department_reviewer', 'finance_reviewer', 'admin', 'auditor']),
  row('GET /api/self-evaluations/recheck/export', [
    'department_reviewer',
    'finance_reviewer',
    'admin',
    'auditor',
  ]),
  row(
    'POST /api/tables/:id/self-evaluation/decisions',
    ['department_reviewer', 'finance_reviewer'],
    'own-approved',
  ),
  row('POST /api/tables/:id/self-evaluation/decisions', ['finance_reviewer'], 'other-published'),
  ...tableReads('GET /api/tables/:id/self-evaluation/layout'),
  ...tableReads('GET /api/tables/:id/self-evaluation/document'),
  // Transitions: each scenario names the one move that is legal there (see the test's bodies).
  row('POST /api/tables/:id/transitions', ['author'], 'own-draft'),
  row('POST /api/tables/:id/transitions', ['department_reviewer'], 'own-submitted'),
  row('POST /api/tables/:id/transitions', ['finance_reviewer'], 'own-department-reviewed'),
  row('POST /api/tables/:id/transitions', ['finance_reviewer'], 'own-approved'),
  row('POST /api/tables/:id/transitions', [], 'other-draft'),
  row('POST /api/tables/:id/reviews', ['department_reviewer'], 'own-submitted'),
  row('POST /api/tables/:id/reviews', ['finance_reviewer'], 'own-department-reviewed'),
  // Public portal and open data: no sign-in for anyone; unpublished tables are 404 to every caller.
  row('GET /api/public/tables', everyone),
  row('GET /api/public/statistics', everyone),
  row('GET /api/public/tables/:id', everyone, 'other-published'),
  row('GET /api/public/tables/:id', everyone, 'own-draft'),
  row('GET /api/public/tables/:id/export.html', everyone, 'other-published'),
  row('GET /api/public/tables/:id/export.pdf', everyone, 'other-published'),
  row('GET /api/public/tables/:id/export.xlsx', everyone, 'other-published'),
  row('GET /api/public/tables/:id/export.docx', everyone, 'other-published'),
  row('GET /api/public/open-data', everyone),
  row('GET /api/public/open-data/tables.json', everyone),
  row('GET /api/public/open-data/tables.csv', everyone),
  // Dashboard: reviewers, admins and auditors over their scope; authors have their own table list.
  row('GET /api/dashboard', ['department_reviewer', 'finance_reviewer', 'admin', 'auditor']),
  // Workbench (我的待办): every signed-in user gets the lists of their own roles and scope.
  row('GET /api/workbench', signedIn),
];
