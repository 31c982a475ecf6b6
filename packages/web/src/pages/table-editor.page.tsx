import { ExclamationCircleFilled, HistoryOutlined, PrinterOutlined, SaveOutlined } from '@ant-design/icons';
import type { PeerProject } from '@jixiao/core/peers/peer.schema';
import { unitCostsOf } from '@jixiao/core/peers/unit-cost';
import { ruleSetFor } from '@jixiao/core/review/rule-sets';
import { useQuery } from '@tanstack/react-query';
import {
  Alert,
  App,
  Button,
  Card,
  Drawer,
  Form,
  Input,
  Modal,
  Result,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import { lazy, Suspense, useMemo, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ApiError } from '../api/api-client.ts';
import { peersApi } from '../api/peers.api.ts';
import { queryKeys } from '../api/query-client.ts';
import { PageLoading } from '../app/page-loading.tsx';
import { BudgetYearNotice, useSubmitRefusal } from '../components/budget-year-notice.tsx';
import { CopyToYearButton } from '../components/copy-to-year.tsx';
import { TableFindings } from '../components/findings-panel.tsx';
import { IndicatorGrid } from '../components/indicator-grid.tsx';
import { PeerCostNote } from '../components/peer-cost-note.tsx';
import { ReviewCommentsProvider } from '../components/review-comments.tsx';
import { usePlacedComments, useTableWorkflow, WorkflowBar } from '../components/review-comments-workflow.tsx';
import { StatusTag } from '../components/status-tag.tsx';
import { VersionHistory } from '../components/version-history.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useOrganisationName, useOrganisationTree } from '../hooks/use-organisation-name.ts';
import { useSession } from '../hooks/use-session.ts';
import { useTableDraft } from '../hooks/use-table-draft.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { peerCostRanges } from '../lib/peer-costs.ts';
import { withAdopted } from '../lib/table-draft.ts';
import { BudgetSection, HeaderSection, NarrativeSection } from './table-editor-sections.tsx';

// The indicator library drawer is its own chunk: most editing sessions never open it.
const LibraryDrawer = lazy(() => import('../components/library-drawer.tsx'));
// So is the similar projects' drawer (案例库); the list itself loads with the table, for the evidence rules.
const PeersDrawer = lazy(() => import('../components/peers-drawer.tsx'));

export default function TableEditorPage() {
  const { id } = useParams();
  const navigate = useNavigate();
  const { t, pick } = useI18n();
  const { message } = App.useApp();

  // A unit's author writes for their own unit: a new table starts with it, and the server stores the
  // organisation's name as 申报单位 whatever is typed, so the field is read-only for them.
  const session = useSession();
  const unitFromOrganisation = Boolean(session.user?.organisationId);
  // 主管部门 is chosen from the departments of the organisation tree.
  const organisationTree = useOrganisationTree(session.user !== null);
  const organisations = organisationTree.data;
  const departments = useMemo(
    () => (organisations ?? []).filter((o) => o.kind === 'department').map((o) => o.name),
    [organisations],
  );
  const ownUnit = useOrganisationName(
    id === undefined && session.user?.roles.includes('author') ? session.user.organisationId : null,
  );
  const editor = useTableDraft(id, ownUnit);
  const { isNew, record, draft, readOnly, dirty, update, errors: visibleErrors } = editor;

  const [historyOpen, setHistoryOpen] = useState(false);
  // null until first opened, so the library chunk loads only for those who use it.
  const [libraryOpen, setLibraryOpen] = useState<boolean | null>(null);
  const [peersOpen, setPeersOpen] = useState<boolean | null>(null);
  // Similar projects (案例库) of the stored table: the drawer lists them, the findings compare with them.
  const peersQuery = useQuery({
    queryKey: queryKeys.peers(record?.id ?? ''),
    queryFn: () => peersApi.list(record?.id as string),
    enabled: Boolean(record?.id),
  });
  // Without peers (none readable, or the call failed) the drawer and the findings compare with none; a
  // failed call says so on the button instead of passing for "no similar projects".
  const peersError = peersQuery.error instanceof ApiError ? peersQuery.error : null;
  const peers: PeerProject[] | undefined = record?.id
    ? peersQuery.isPending
      ? undefined
      : (peersQuery.data?.peers ?? [])
    : undefined;
  // Each row that gives the table a unit cost shows it beside the peers' range for the same unit of output.
  const peerCosts = useMemo(() => peerCostRanges(peers ?? []), [peers]);
  const ownCosts = useMemo(
    () => new Map((draft ? unitCostsOf(draft) : []).map((cost) => [cost.indicatorIndex, cost])),
    [draft],
  );
  const costNote = (index: number) => {
    const own = ownCosts.get(index);
    const range = own ? peerCosts.get(own.per) : undefined;
    return own && range ? <PeerCostNote own={own} range={range} /> : null;
  };
  // Workflow: status, allowed transitions and the reviewers' open comments of this table.
  const workflow = useTableWorkflow(record?.id, record?.version);
  // The open comments follow their indicators through the author's unsaved edits too.
  const placedComments = usePlacedComments(workflow, draft?.indicators);
  // 预算年度: a closed year (or a passed deadline) disables submitting, with the server's words.
  const submitRefusal = useSubmitRefusal(record);

  // Before the early returns (a hook): the tab shows the table's name as soon as it is loaded.
  useDocumentTitle(isNew ? t('editor.newTitle') : draft?.name || null);

  if (editor.loadError) {
    return (
      <Result
        status={editor.loadError.status === 404 ? '404' : 'warning'}
        title={editor.loadError.status === 404 ? t('editor.notFound') : pick(editor.loadError.problem)}
        extra={
          <Space>
            {/* Unreachable server (status 0) is usually passing: offer to try again, not only to leave. */}
            {editor.loadError.status === 0 ? (
              <Button type="primary" onClick={() => window.location.reload()}>
                {t('common.retry')}
              </Button>
            ) : null}
            <Link to="/tables">
              <Button>{t('error.backToTables')}</Button>
            </Link>
          </Space>
        }
      />
    );
  }
  if (!draft) {
    return <PageLoading />;
  }

  // What the form's sections read: the draft, its errors as shown, the reviewers' comments placed on it.
  const section = { draft, visibleErrors, placedComments };
  const title = isNew ? t('editor.newTitle') : draft.name || t('indicator.unnamed');
  return (
    <div className="editor" data-testid="table-editor-page" data-readonly={readOnly || undefined}>
      <div className="editor-bar">
        <div className="page-head" style={{ marginBottom: 0 }}>
          <div>
            <h1>
              {title}{' '}
              {record && (
                <>
                  <StatusTag status={record.status} />
                  <Tag bordered={false}>{t('editor.version', { v: record.version })}</Tag>
                </>
              )}
            </h1>
            <p>
              {[draft.unit, draft.year].filter(Boolean).join(' · ')}
              {draft.unit || draft.year ? ' · ' : ''}
              <span className={dirty ? 'dirty-flag' : 'muted'} data-testid="dirty-flag">
                {readOnly
                  ? t('editor.readOnly')
                  : dirty
                    ? t('editor.unsaved')
                    : isNew
                      ? t('editor.neverSaved')
                      : t('editor.allSaved')}
              </span>
            </p>
          </div>
          <Space>
            {!isNew && !readOnly && (
              <Input
                style={{ width: 220 }}
                placeholder={t('editor.reason')}
                value={editor.reason}
                onChange={(e) => editor.setReason(e.target.value)}
                maxLength={500}
              />
            )}
            {record && (
              <>
                <Button icon={<HistoryOutlined />} onClick={() => setHistoryOpen(true)}>
                  {t('editor.versions')}
                </Button>
                <Button
                  icon={<PrinterOutlined />}
                  onClick={() => navigate(`/tables/${record.id}/print`)}
                  data-testid="open-print"
                >
                  {t('editor.print')}
                </Button>
                <CopyToYearButton record={record} dirty={dirty} />
                {record.table.kind === 'target' && (
                  <Button onClick={() => navigate(`/tables/${record.id}/ex-ante`)} data-testid="open-ex-ante">
                    {t('exAnte.open')}
                  </Button>
                )}
              </>
            )}
            {!readOnly && (
              <Button
                type="primary"
                icon={<SaveOutlined />}
                loading={editor.saving}
                disabled={!isNew && !dirty}
                onClick={() => void editor.save()}
                data-testid="save"
              >
                {t('editor.save')}
              </Button>
            )}
          </Space>
        </div>
      </div>
      {record && (
        <WorkflowBar
          workflow={workflow}
          table={draft}
          comments={placedComments}
          dirty={dirty}
          submitBlocked={submitRefusal !== null}
        />
      )}
      <BudgetYearNotice
        refusal={submitRefusal}
        calendar={record !== null && (record.status === 'draft' || record.status === 'returned')}
      />

      {editor.showErrors && editor.errorCount > 0 && (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('editor.invalid', { n: editor.errorCount })}
        />
      )}
      {draft.incomplete && (
        <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('import.incomplete')} />
      )}
      {draft.warnings.length > 0 && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('import.warnings', { n: draft.warnings.length })}
          description={
            <ul className="warning-list">
              {draft.warnings.map((w, i) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: warnings have no identity of their own
                <li key={i}>
                  {pick(w)}
                  {w.path && <code className="muted"> {w.path}</code>}
                </li>
              ))}
            </ul>
          }
        />
      )}

      <Form
        layout="vertical"
        component="div"
        className={`editor-form${readOnly ? ' is-readonly' : ''}`}
        requiredMark={!readOnly}
        disabled={readOnly}
      >
        <HeaderSection
          {...section}
          update={update}
          departments={departments}
          departmentsError={organisationTree.error ? pick(organisationTree.error.problem) : null}
          unitFromOrganisation={unitFromOrganisation}
        />
        <NarrativeSection {...section} updateNarrative={editor.updateNarrative} />
        <BudgetSection {...section} updateBudget={editor.updateBudget} />

        <Card
          title={t('editor.indicators')}
          size="small"
          className="editor-card"
          extra={
            <Space>
              {peersError ? (
                <Tooltip title={pick(peersError.problem)}>
                  <Button
                    size="small"
                    danger
                    onClick={() => void peersQuery.refetch()}
                    data-testid="peers-error"
                    data-code={peersError.problem.code}
                  >
                    {t('peers.failed')}
                  </Button>
                </Tooltip>
              ) : (
                peers !== undefined && (
                  <Button size="small" onClick={() => setPeersOpen(true)} data-testid="open-peers">
                    {t('peers.open', { n: peers.length })}
                  </Button>
                )
              )}
              <span className="muted">{t('indicator.count', { n: draft.indicators.length })}</span>
            </Space>
          }
        >
          <ReviewCommentsProvider comments={placedComments}>
            <IndicatorGrid
              indicators={draft.indicators}
              errors={visibleErrors}
              onChange={(indicators) => update({ indicators })}
              readOnly={readOnly}
              onAddFromLibrary={readOnly ? undefined : () => setLibraryOpen(true)}
              targetNote={peerCosts.size > 0 ? costNote : undefined}
            />
          </ReviewCommentsProvider>
        </Card>
      </Form>
      <TableFindings table={draft} peers={peers} />

      {peersOpen !== null && (
        <Suspense fallback={null}>
          <PeersDrawer
            open={peersOpen}
            peers={peers ?? []}
            editable={workflow.state?.editable !== false}
            onClose={() => setPeersOpen(false)}
            onAdopt={(indicator) => {
              update({ indicators: withAdopted(draft.indicators, indicator) });
              message.success(t('peers.adopted', { name: indicator.name, target: indicator.target.raw }));
            }}
          />
        </Suspense>
      )}

      {libraryOpen !== null && (
        <Suspense fallback={null}>
          <LibraryDrawer
            open={libraryOpen}
            frameworkId={ruleSetFor(draft).params.framework.id}
            indicators={draft.indicators}
            year={draft.year}
            budgetYuan={draft.budget.currentYear}
            onClose={() => setLibraryOpen(false)}
            onAdd={({ indicators, added, skipped }) => {
              update({ indicators });
              setLibraryOpen(false);
              if (added.length > 0) message.success(t('library.added', { n: added.length }));
              if (skipped.length > 0) message.info(t('library.skipped', { n: skipped.length }));
            }}
          />
        </Suspense>
      )}

      {record && (
        <Drawer
          title={t('versions.title')}
          open={historyOpen}
          onClose={() => setHistoryOpen(false)}
          size="large"
          destroyOnHidden
        >
          <VersionHistory tableId={record.id} currentVersion={record.version} />
        </Drawer>
      )}

      <Modal
        open={editor.blocker.state === 'blocked'}
        title={
          <span>
            <ExclamationCircleFilled style={{ color: '#faad14', marginRight: 8 }} />
            {t('editor.leaveTitle')}
          </span>
        }
        okText={t('editor.leave')}
        okButtonProps={{ danger: true }}
        cancelText={t('editor.stay')}
        onOk={() => editor.blocker.proceed?.()}
        onCancel={() => editor.blocker.reset?.()}
      >
        <p>{t('editor.leaveBody')}</p>
      </Modal>

      <Modal
        open={editor.conflict !== null}
        width={640}
        title={t('editor.conflictTitle')}
        onCancel={editor.dismissConflict}
        footer={[
          <Button key="stay" onClick={editor.dismissConflict}>
            {t('editor.stay')}
          </Button>,
          <Button
            key="view"
            onClick={() => record && window.open(`/tables/${record.id}/print`, '_blank', 'noopener')}
          >
            {t('editor.conflictView')}
          </Button>,
          <Button
            key="reload"
            danger
            onClick={() => {
              editor.dismissConflict();
              void editor.reload();
            }}
            data-testid="conflict-reload"
          >
            {t('editor.conflictReload')}
          </Button>,
          <Button
            key="overwrite"
            type="primary"
            onClick={() => editor.conflict?.latest && void editor.save(editor.conflict.latest.version)}
            disabled={!editor.conflict?.latest}
            data-testid="conflict-overwrite"
          >
            {t('editor.conflictOverwrite')}
          </Button>,
        ]}
      >
        <p data-testid="conflict-message">
          {t('editor.conflictBody', { v: editor.conflict?.latest?.version ?? '?' })}
        </p>
        {editor.conflict?.latestError && (
          <Typography.Text
            type="danger"
            data-testid="conflict-latest-error"
            data-code={editor.conflict.latestError.problem.code}
          >
            {t('editor.conflictLatestFailed', { reason: pick(editor.conflict.latestError.problem) })}
          </Typography.Text>
        )}
      </Modal>
    </div>
  );
}
