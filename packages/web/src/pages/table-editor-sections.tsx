import type { PlacedComment } from '@jixiao/core/review-records/review-record.schema';
import type { Budget, Narrative, PerformanceTable } from '@jixiao/core/tables/table.schema';
import { Card, Col, DatePicker, Form, Input, InputNumber, Radio, Row, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import type { ReactNode } from 'react';
import { MoneyInput } from '../components/money-input.tsx';
import { FieldComments } from '../components/review-comments.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';
import { datePickerFormat } from '../lib/dates.ts';

// The table editor's form sections (header, narrative, budget): each field with its label, its error once
// shown and the reviewers' comments on it. The draft and its changes come from useTableDraft.

const narrativeKeys = ['overview', 'basis', 'necessity', 'safeguards', 'plan', 'goals'] as const;
const budgetKeys = ['total', 'currentYear', 'priorYearBudget', 'priorYearExecuted'] as const;
const selfEvaluationBudgetKeys = ['initial', 'adjusted', 'executed'] as const;
const categories = ['经常性专项业务费', '一次性项目', '跨年度项目', '基本建设项目', '政府采购项目'];
const performanceTypes = ['事业/专业类', '工程建设类', '信息化类', '政策补贴类', '会议培训类', '设备购置类'];

/** What every section reads: the draft, the errors to show by path and the comments placed on it. */
interface SectionProps {
  draft: PerformanceTable;
  visibleErrors: Record<string, string>;
  placedComments: readonly PlacedComment[];
}

/** A labelled field in a column `span` wide (of 24), with its error and comments. */
function useField({ visibleErrors, placedComments }: Omit<SectionProps, 'draft'>) {
  const { t } = useI18n();
  return (path: string, label: MessageKey, control: ReactNode, span = 12, required = false) => (
    <Col xs={24} md={span}>
      <Form.Item
        label={t(label)}
        required={required}
        validateStatus={visibleErrors[path] ? 'error' : undefined}
        help={visibleErrors[path]}
        htmlFor={`f-${path}`}
        extra={<FieldComments path={path} comments={placedComments} />}
      >
        {control}
      </Form.Item>
    </Col>
  );
}

/** 申报单位, 项目名称, year, kind, category, dates and procurement. */
export function HeaderSection({
  draft,
  visibleErrors,
  placedComments,
  update,
  departments,
  departmentsError = null,
  unitFromOrganisation,
}: SectionProps & {
  update: (change: Partial<PerformanceTable>) => void;
  /** 主管部门's choices: the departments of the organisation tree. */
  departments: readonly string[];
  /** Why the organisation tree could not be read: said under 主管部门, whose list is then empty. */
  departmentsError?: string | null;
  /** The unit is the author's organisation's name, which the server stores whatever is typed. */
  unitFromOrganisation: boolean;
}) {
  const { t, locale } = useI18n();
  const field = useField({ visibleErrors, placedComments });
  const text = (path: 'unit' | 'name' | 'code') => (
    <Input
      id={`f-${path}`}
      value={draft[path] ?? ''}
      readOnly={path === 'unit' && unitFromOrganisation}
      status={visibleErrors[path] ? 'error' : ''}
      onChange={(e) =>
        update({ [path]: path === 'unit' || path === 'name' ? e.target.value : e.target.value || null })
      }
    />
  );

  /**
   * A field whose values come from a known list (项目类别, 绩效类型, 主管部门 from the organisation tree):
   * a select with search, so nothing is misspelt. A value the list lacks (an imported table's own
   * wording) stays as an option, so opening a table never changes it.
   */
  const listSelect = (
    path: 'category' | 'performanceType' | 'supervisingDepartment',
    values: readonly string[],
  ) => {
    const current = draft[path] ?? null;
    const options = [...values, ...(current && !values.includes(current) ? [current] : [])];
    return (
      <Select
        id={`f-${path}`}
        showSearch
        allowClear
        placeholder={t('editor.choose')}
        value={current}
        options={options.map((value) => ({ value, label: value }))}
        status={visibleErrors[path] ? 'error' : ''}
        onChange={(v: string | undefined) => update({ [path]: v ?? null })}
        data-testid={`select-${path}`}
      />
    );
  };

  const dateInput = (path: 'startDate' | 'endDate') => (
    <DatePicker
      id={`f-${path}`}
      style={{ width: '100%' }}
      format={datePickerFormat(locale)}
      value={draft[path] && dayjs(draft[path]).isValid() ? dayjs(draft[path]) : null}
      onChange={(d) => update({ [path]: d ? d.format('YYYY-MM-DD') : null })}
      status={visibleErrors[path] ? 'error' : ''}
    />
  );

  return (
    <Card title={t('editor.header')} size="small" className="editor-card">
      <Row gutter={16}>
        {field('name', 'field.name', text('name'), 12, true)}
        {field('unit', 'field.unit', text('unit'), 12, true)}
        {field(
          'year',
          'field.year',
          <InputNumber
            id="f-year"
            style={{ width: '100%' }}
            value={draft.year}
            onChange={(v) => update({ year: typeof v === 'number' ? v : Number.NaN })}
          />,
          4,
          true,
        )}
        {field(
          'kind',
          'field.kind',
          <Select
            id="f-kind"
            value={draft.kind}
            onChange={(kind) => update({ kind })}
            options={(['target', 'self-evaluation', 'department-wide'] as const).map((k) => ({
              value: k,
              label: t(`kind.${k}`),
            }))}
          />,
          6,
        )}
        {field('category', 'field.category', listSelect('category', categories), 7)}
        {field(
          'performanceType',
          'field.performanceType',
          listSelect('performanceType', performanceTypes),
          7,
        )}
        {field(
          'supervisingDepartment',
          'field.supervisingDepartment',
          departmentsError === null ? (
            listSelect('supervisingDepartment', departments)
          ) : (
            <>
              {listSelect('supervisingDepartment', departments)}
              <Typography.Text type="danger" data-testid="departments-error">
                {t('editor.departmentsFailed', { reason: departmentsError })}
              </Typography.Text>
            </>
          ),
          12,
        )}
        {field('code', 'field.code', text('code'), 12)}
        {field('startDate', 'field.startDate', dateInput('startDate'), 6)}
        {field('endDate', 'field.endDate', dateInput('endDate'), 6)}
        {field(
          'governmentProcurement',
          'field.governmentProcurement',
          <Radio.Group
            value={
              draft.governmentProcurement === null || draft.governmentProcurement === undefined
                ? 'unset'
                : String(draft.governmentProcurement)
            }
            onChange={(e) =>
              update({
                governmentProcurement: e.target.value === 'unset' ? null : e.target.value === 'true',
              })
            }
            optionType="button"
            options={[
              { value: 'true', label: t('common.yes') },
              { value: 'false', label: t('common.no') },
              { value: 'unset', label: '—' },
            ]}
          />,
          12,
        )}
      </Row>
    </Card>
  );
}

/** The narrative fields (概况, 依据, 必要性, 保障措施, 实施计划, 总体目标). */
export function NarrativeSection({
  draft,
  visibleErrors,
  placedComments,
  updateNarrative,
}: SectionProps & { updateNarrative: (key: keyof Narrative, value: string) => void }) {
  const { t } = useI18n();
  const field = useField({ visibleErrors, placedComments });
  return (
    <Card title={t('editor.narrative')} size="small" className="editor-card">
      <Row gutter={16}>
        {narrativeKeys.map((key) =>
          field(
            `narrative.${key}`,
            `field.${key}`,
            <Input.TextArea
              id={`f-narrative.${key}`}
              autoSize={{ minRows: 2, maxRows: 8 }}
              value={draft.narrative[key] ?? ''}
              onChange={(e) => updateNarrative(key, e.target.value)}
            />,
            key === 'overview' || key === 'goals' ? 24 : 12,
          ),
        )}
      </Row>
    </Card>
  );
}

/** The money: budget figures, and the execution ones on a self-evaluation. */
export function BudgetSection({
  draft,
  visibleErrors,
  placedComments,
  updateBudget,
}: SectionProps & { updateBudget: (key: keyof Budget, value: number | null) => void }) {
  const { t } = useI18n();
  const field = useField({ visibleErrors, placedComments });
  return (
    <Card title={t('editor.budget')} size="small" className="editor-card">
      <Row gutter={16}>
        {[...budgetKeys, ...(draft.kind === 'self-evaluation' ? selfEvaluationBudgetKeys : [])].map((key) =>
          field(
            `budget.${key}`,
            `field.${key}`,
            <MoneyInput
              id={`f-budget.${key}`}
              value={draft.budget[key]}
              status={visibleErrors[`budget.${key}`] ? 'error' : ''}
              onChange={(v) => updateBudget(key, v)}
            />,
            6,
          ),
        )}
      </Row>
      <div className="muted" style={{ fontSize: 12 }}>
        {t('budget.newProject')}
      </div>
    </Card>
  );
}
