import { lazy, Suspense } from 'react';
import { createBrowserRouter } from 'react-router-dom';
import { withMessages } from '../i18n/messages.ts';
import { AppShell } from './app-shell.tsx';
import { HomeRedirect } from './home-redirect.tsx';
import { PageLoading } from './page-loading.tsx';

// Every page is its own chunk: the first load carries only the shell and the page it opens. Each page's
// Chinese words (beyond the shell's) are fetched beside it and loaded before it renders; the list per page
// is what its sources ask for (i18n/route-messages.test.ts checks it).
const TableListPage = lazy(() => withMessages(['tables'], import('../pages/table-list.page.tsx')));
const NotFoundPage = lazy(() => import('./not-found.page.tsx'));
const LoginPage = lazy(() => import('../pages/login.page.tsx'));
const ChangePasswordPage = lazy(() => import('../pages/change-password.page.tsx'));
const AdminPage = lazy(() =>
  withMessages(['budget-years', 'evaluation', 'import-workflow'], import('../pages/admin.page.tsx')),
);
const AuditPage = lazy(() =>
  withMessages(
    ['budget-years', 'import-workflow', 'library', 'rules', 'table-copy'],
    import('../pages/audit.page.tsx'),
  ),
);
const TableEditorPage = lazy(() =>
  withMessages(
    [
      'budget-years',
      'evaluation',
      'ex-ante',
      'import-workflow',
      'library',
      'peers',
      'portal',
      'recheck',
      'rectification',
      'review-rules',
      'rules',
      'table-copy',
      'tables',
      'workflow',
    ],
    import('../pages/table-editor.page.tsx'),
  ),
);
const ImportPage = lazy(() =>
  withMessages(
    [
      'evaluation',
      'import-duplicates',
      'import-workflow',
      'library',
      'monitoring-import',
      'peers',
      'recheck',
      'tables',
      'workflow',
    ],
    import('../pages/import.page.tsx'),
  ),
);
const OfficialLayoutPage = lazy(() => withMessages(['tables'], import('../pages/official-layout.page.tsx')));
const ReviewQueuePage = lazy(() =>
  withMessages(['tables', 'workflow'], import('../pages/review-queue.page.tsx')),
);
const ReviewPage = lazy(() =>
  withMessages(
    ['ex-ante', 'rectification', 'review-rules', 'tables', 'workflow'],
    import('../pages/review.page.tsx'),
  ),
);
const MonitoringPage = lazy(() =>
  withMessages(['evaluation', 'tables'], import('../pages/monitoring.page.tsx')),
);
const MonitoringEntryPage = lazy(() =>
  withMessages(['evaluation', 'rectification'], import('../pages/monitoring-entry.page.tsx')),
);
const SelfEvaluationPage = lazy(() =>
  withMessages(['evaluation', 'rectification', 'tables'], import('../pages/self-evaluation.page.tsx')),
);
const ExAntePage = lazy(() => withMessages(['ex-ante', 'tables'], import('../pages/ex-ante.page.tsx')));
const SelfEvaluationFormPage = lazy(() =>
  withMessages(['evaluation', 'tables'], import('../pages/self-evaluation-form.page.tsx')),
);
const DashboardPage = lazy(() =>
  withMessages(['evaluation', 'portal', 'rectification'], import('../pages/dashboard.page.tsx')),
);
const RecheckPage = lazy(() =>
  withMessages(['portal', 'recheck', 'tables'], import('../pages/recheck.page.tsx')),
);
const WorkbenchPage = lazy(() =>
  withMessages(['budget-years', 'evaluation', 'tables', 'workbench'], import('../pages/workbench.page.tsx')),
);
const RulesPage = lazy(() =>
  withMessages(
    ['evaluation', 'library', 'peers', 'review-rules', 'rules', 'tables', 'workflow'],
    import('../pages/rules.page.tsx'),
  ),
);
const PublicLayout = lazy(() => withMessages(['portal'], import('../pages/public-layout.tsx')));
const PublicPage = lazy(() => withMessages(['portal'], import('../pages/public.page.tsx')));
const PublicTablePage = lazy(() => withMessages(['portal'], import('../pages/public-table.page.tsx')));
const PublicOpenDataPage = lazy(() => withMessages(['portal'], import('../pages/public-open-data.page.tsx')));

export const router = createBrowserRouter([
  {
    element: <AppShell />,
    children: [
      { index: true, element: <HomeRedirect /> },
      { path: 'workbench', element: <WorkbenchPage /> },
      { path: 'tables', element: <TableListPage /> },
      { path: 'tables/new', element: <TableEditorPage /> },
      { path: 'tables/:id', element: <TableEditorPage /> },
      { path: 'tables/:id/ex-ante', element: <ExAntePage /> },
      { path: 'import', element: <ImportPage /> },
      { path: 'login', element: <LoginPage /> },
      { path: 'change-password', element: <ChangePasswordPage /> },
      { path: 'admin', element: <AdminPage /> },
      { path: 'audit', element: <AuditPage /> },
      { path: 'review', element: <ReviewQueuePage /> },
      { path: 'review/:id', element: <ReviewPage /> },
      { path: 'monitoring', element: <MonitoringPage /> },
      { path: 'monitoring/:id', element: <MonitoringEntryPage /> },
      { path: 'self-evaluation/:id', element: <SelfEvaluationPage /> },
      { path: 'self-evaluation/:id/form', element: <SelfEvaluationFormPage /> },
      { path: 'dashboard', element: <DashboardPage /> },
      { path: 'recheck', element: <RecheckPage /> },
      { path: 'rules', element: <RulesPage /> },
      { path: '*', element: <NotFoundPage /> },
    ],
  },
  // The public portal has its own light frame and never asks anyone to sign in.
  {
    path: 'public',
    element: (
      <Suspense fallback={<PageLoading />}>
        <PublicLayout />
      </Suspense>
    ),
    children: [
      { index: true, element: <PublicPage /> },
      { path: 'tables/:id', element: <PublicTablePage /> },
      { path: 'open-data', element: <PublicOpenDataPage /> },
    ],
  },
  // The official layout has no app chrome so that it prints as the document itself.
  {
    path: 'tables/:id/print',
    element: (
      <Suspense fallback={<PageLoading />}>
        <OfficialLayoutPage />
      </Suspense>
    ),
  },
]);
