import { CheckCircleOutlined } from '@ant-design/icons';
import type {
  WorkbenchGroup,
  WorkbenchGroupKind,
  WorkbenchItem,
  WorkbenchOverview,
} from '@jixiao/core/workflow/workbench.schema';
import { upcomingDeadlines } from '@jixiao/core/years/budget-year-dates';
import { Alert, Badge, Button, Space, Spin, type TableProps, Tag, Tooltip } from 'antd';
import type { CSSProperties, HTMLAttributes, ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useBudgetYears } from '../api/budget-years.api.ts';
import { queryKeys } from '../api/query-client.ts';
import { workbenchApi } from '../api/workbench.api.ts';
import { PageHead } from '../components/page-head.tsx';
import { ResponsiveTable } from '../components/responsive-table.tsx';
import { nameColumn, statusColumn, unitColumn, yearColumn } from '../components/table-columns.tsx';
import { useLoad } from '../hooks/use-load.ts';
import { useSession } from '../hooks/use-session.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { formatDate, formatDateTime } from '../lib/dates.ts';
import { relativeTime } from '../lib/relative-time.ts';
import { LightTag } from './monitoring-light-tag.tsx';

// Inline styles: the page's few rules do not justify touching the shared stylesheet.
const hintStyle: CSSProperties = { color: 'rgba(0, 0, 0, 0.55)', fontSize: 13 };
// A plain panel and figures instead of antd's Card, Statistic and Result: Card pulls in Tabs and Result
// its large illustrations, about 25 KB gzip on the page every signed-in user lands on.
const panelStyle: CSSProperties = {
  background: '#fff',
  border: '1px solid #e8ebf0',
  borderRadius: 4,
  padding: '12px 16px',
};
const panelHeadStyle: CSSProperties = {
  display: 'flex',
  flexWrap: 'wrap',
  justifyContent: 'space-between',
  alignItems: 'center',
  gap: 8,
  marginBottom: 12,
  fontWeight: 600,
};

function Panel({
  title,
  extra,
  testId,
  children,
}: {
  title: ReactNode;
  extra?: ReactNode;
  testId: string;
  children: ReactNode;
}) {
  return (
    <section style={panelStyle} data-testid={testId}>
      <div style={panelHeadStyle}>
        <div>{title}</div>
        {extra}
      </div>
      {children}
    </section>
  );
}

function Figure({ label, value }: { label: string; value: number }) {
  return (
    <div style={{ minWidth: 120 }}>
      <div style={hintStyle}>{label}</div>
      <div style={{ fontSize: 24, lineHeight: '32px' }}>{value}</div>
    </div>
  );
}

const doneStyle: CSSProperties = {
  display: 'flex',
  flexWrap: 'wrap',
  gap: 8,
  alignItems: 'center',
  ...hintStyle,
};

/** The page that takes the next step of each kind of to-do. */
function targetOf(kind: WorkbenchGroupKind, item: WorkbenchItem): string {
  const month = item.cutOffMonth === null ? '' : `?month=${item.cutOffMonth}`;
  switch (kind) {
    case 'drafts':
    case 'returned':
    case 'to_publish':
      // The editor shows the review comments of a returned table and the publish button of an approved one.
      return `/tables/${item.tableId}`;
    case 'monitoring_due':
    case 'lights_need_measure':
    case 'red_lights':
      return `/monitoring/${item.tableId}${month}`;
    case 'self_evaluation_due':
      return `/self-evaluation/${item.tableId}/form`;
    case 'department_queue':
    case 'finance_queue':
      return `/review/${item.tableId}`;
    case 'rectifications_open':
    case 'rectifications_to_close':
      // The self-evaluation page carries the table's 整改 tasks.
      return `/self-evaluation/${item.tableId}`;
  }
}

/** Why the item waits, beyond its group: who returned it and the comments, the report concerned. */
function Detail({ kind, item, now }: { kind: WorkbenchGroupKind; item: WorkbenchItem; now: Date }) {
  const { t, locale } = useI18n();
  if (item.returned) {
    const time = relativeTime(item.returned.at, now, locale);
    const params = { by: item.returned.by ?? '', time, n: item.returned.openComments };
    // The reviewer's summary of the round, for a glance before opening the table.
    return (
      <Tooltip title={item.returned.comment}>
        <span data-testid="workbench-returned">
          {t(item.returned.by ? 'workbench.returnedBy' : 'workbench.returnedByUnknown', params)}
        </span>
      </Tooltip>
    );
  }
  if (item.rectification) {
    return (
      <span data-testid="workbench-rectification">
        {t('workbench.rectification', { n: item.rectification.tasks, date: item.rectification.deadline })}
      </span>
    );
  }
  if (kind === 'lights_need_measure' && item.cutOffMonth !== null) {
    return (
      <Space size={4}>
        {item.light && <LightTag light={item.light} />}
        {t('workbench.missingMeasures', { month: item.cutOffMonth, n: item.missingMeasures ?? 0 })}
      </Space>
    );
  }
  if (item.cutOffMonth !== null) {
    return (
      <Space size={4}>
        {item.light && <LightTag light={item.light} />}
        {t('workbench.cutOff', { month: item.cutOffMonth })}
      </Space>
    );
  }
  return null;
}

function GroupCard({ group, cutOffMonth, now }: { group: WorkbenchGroup; cutOffMonth: number; now: Date }) {
  const { t, locale } = useI18n();
  const kind = group.kind;
  const columns: TableProps<WorkbenchItem>['columns'] = [
    nameColumn(t, (item) => targetOf(kind, item), 'workbench-item-link'),
    unitColumn(t),
    yearColumn(t, 70),
    statusColumn(t, 120),
    {
      title: t('workbench.detail'),
      key: 'detail',
      render: (_: unknown, item) => <Detail kind={kind} item={item} now={now} />,
    },
    {
      title: t('workbench.waiting'),
      dataIndex: 'waitingSince',
      key: 'waiting',
      width: 120,
      render: (since: string) => (
        <Tooltip title={t('workbench.since', { date: formatDateTime(since, locale) })}>
          <span className="nowrap" data-testid="workbench-waiting">
            {relativeTime(since, now, locale)}
          </span>
        </Tooltip>
      ),
    },
    {
      title: t('common.actions'),
      key: 'open',
      width: 140,
      render: (_: unknown, item) => (
        <Link to={targetOf(kind, item)}>
          <Button size="small" type="primary" data-testid="workbench-open">
            {t(`workbench.open.${kind}`)}
          </Button>
        </Link>
      ),
    },
  ];
  const hidden = group.count - group.items.length;
  return (
    <Panel
      testId={`workbench-group-${kind}`}
      title={
        <Space>
          <span>{t(`workbench.group.${kind}`)}</span>
          <Badge count={group.count} showZero color={group.count > 0 ? '#1d4f91' : '#bfbfbf'} />
        </Space>
      }
      extra={
        <span style={{ ...hintStyle, fontWeight: 400 }}>
          {t(`workbench.hint.${kind}`, { month: cutOffMonth })}
        </span>
      }
    >
      <ResponsiveTable<WorkbenchItem>
        rowKey="tableId"
        size="small"
        columns={columns}
        dataSource={group.items}
        pagination={false}
        scroll={{ x: 900 }}
        onRow={() => ({ 'data-testid': 'workbench-item' }) as HTMLAttributes<HTMLElement>}
        locale={{ emptyText: t('workbench.groupEmpty') }}
      />
      {hidden > 0 && (
        <p style={{ ...hintStyle, margin: '8px 0 0' }}>
          {t('workbench.more', { n: hidden, shown: group.items.length })}
        </p>
      )}
    </Panel>
  );
}

function OverviewCard({ overview }: { overview: WorkbenchOverview }) {
  const { t } = useI18n();
  const session = useSession();
  const count = (status: WorkbenchOverview['byStatus'][number]['status']) =>
    overview.byStatus.find((s) => s.status === status)?.count ?? 0;
  return (
    <Panel title={t('workbench.overview.title')} testId="workbench-overview">
      <p style={hintStyle}>{t('workbench.overview.hint')}</p>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 24 }}>
        <Figure label={t('workbench.overview.tables')} value={overview.tables} />
        <Figure
          label={t('workbench.overview.inReview')}
          value={count('submitted') + count('department_reviewed')}
        />
        <Figure label={t('workbench.overview.returned')} value={count('returned')} />
        <Figure label={t('workbench.overview.redLights')} value={overview.redLights} />
        <Figure label={t('workbench.overview.activeUsers')} value={overview.activeUsers} />
        <Figure label={t('workbench.overview.auditToday')} value={overview.auditEventsToday} />
      </div>
      <Space wrap style={{ marginTop: 16 }}>
        <Link to="/dashboard">
          <Button>{t('workbench.link.dashboard')}</Button>
        </Link>
        {session.can('audit.read') && (
          <Link to="/audit">
            <Button data-testid="workbench-link-audit">{t('workbench.link.audit')}</Button>
          </Link>
        )}
        {session.can('user.read') && (
          <Link to="/admin">
            <Button data-testid="workbench-link-users">{t('workbench.link.users')}</Button>
          </Link>
        )}
      </Space>
    </Panel>
  );
}

/** /workbench (我的待办): the landing page after sign-in, what waits for the user grouped by next step. */
export default function WorkbenchPage() {
  const { t, pick, locale } = useI18n();
  const { data, loading, error } = useLoad(queryKeys.workbench, workbenchApi.get);
  const session = useSession();
  const author = session.user?.roles.includes('author') === true;
  const years = useBudgetYears(author);
  const now = new Date();
  // Authors see the submission deadlines of open years still ahead (预算年度设置), soonest first.
  const deadlines = author && years && data ? upcomingDeadlines(years, data.today) : [];

  if (error) return <Alert type="warning" showIcon message={pick(error.problem)} />;

  const groups = data?.groups ?? [];
  const waiting = groups.filter((g) => g.count > 0);
  const done = groups.filter((g) => g.count === 0);
  const allClear = data !== null && data.total === 0 && data.overview === null;

  return (
    <div data-testid="workbench-page">
      <PageHead title={t('workbench.title')} subtitle={t('workbench.subtitle')} />
      {loading && !data && <Spin />}
      {deadlines.length > 0 && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="workbench-deadlines"
          title={deadlines.map((d) => (
            <div key={`${d.region}/${d.year}`}>
              {t('years.deadlineLine', { year: d.year, date: formatDate(d.submissionDeadline, locale) })}
            </div>
          ))}
        />
      )}
      {data?.overview && <OverviewCard overview={data.overview} />}
      {allClear && (
        <div style={{ textAlign: 'center', padding: '48px 0 16px' }} data-testid="workbench-empty">
          <CheckCircleOutlined style={{ fontSize: 64, color: '#52c41a' }} />
          <h2 style={{ fontWeight: 400, margin: '16px 0 8px' }}>{t('workbench.allClear')}</h2>
          <p style={hintStyle}>{t('workbench.allClearHint')}</p>
        </div>
      )}
      <Space direction="vertical" size={16} style={{ width: '100%' }}>
        {waiting.map((group) => (
          <GroupCard key={group.kind} group={group} cutOffMonth={data?.cutOffMonth ?? 7} now={now} />
        ))}
        {done.length > 0 && (
          <div
            style={allClear ? { ...doneStyle, justifyContent: 'center' } : doneStyle}
            data-testid="workbench-done"
          >
            {!allClear && <span>{t('workbench.emptyGroups')}</span>}
            {done.map((group) => (
              <Tag key={group.kind} icon={<CheckCircleOutlined />} color="success">
                {t(`workbench.group.${group.kind}`)}
              </Tag>
            ))}
          </div>
        )}
      </Space>
    </div>
  );
}
