import { PlusOutlined } from '@ant-design/icons';
import type { BudgetYear, BudgetYearSettingInput } from '@jixiao/core/years/budget-year.schema';
import {
  App,
  Button,
  type ButtonProps,
  DatePicker,
  Form,
  Input,
  InputNumber,
  Modal,
  Select,
  Switch,
  Table,
  Tag,
} from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useEffect, useState } from 'react';
import { toApiError } from '../api/api-client.ts';
import { budgetYearsApi } from '../api/budget-years.api.ts';
import { queryKeys } from '../api/query-client.ts';
import { useLoad } from '../hooks/use-load.ts';
import { useSession } from '../hooks/use-session.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { datePickerFormat, formatDate, formatDateTime } from '../lib/dates.ts';

interface YearForm {
  region: string;
  year: number;
  draftingOpen: boolean;
  submissionDeadline: Dayjs | null;
  cutOffMonth: number;
  selfEvaluationOpen: boolean;
  selfEvaluationDeadline: Dayjs | null;
}

const day = (value: Dayjs | null | undefined): string | null => (value ? value.format('YYYY-MM-DD') : null);

/**
 * 预算年度 on the admin page: the settings per region and year, and a form that creates or changes one.
 * Closing a year stops authors' drafting, so the form asks before it saves a year going from open to closed.
 */
export function BudgetYearsAdmin() {
  const { t, pick, locale } = useI18n();
  const { message, modal } = App.useApp();
  const session = useSession();
  const canManage = session.can('budget_year.manage');
  const [editing, setEditing] = useState<BudgetYear | 'new' | null>(null);
  const [saving, setSaving] = useState(false);
  const [form] = Form.useForm<YearForm>();

  const list = useLoad([...queryKeys.budgetYears, 'admin'], () => budgetYearsApi.list());
  const items = list.data?.items ?? [];
  useEffect(() => {
    if (list.error) message.error(pick(list.error.problem));
  }, [list.error, message, pick]);

  function open(item: BudgetYear | 'new') {
    form.resetFields();
    const base =
      item === 'new'
        ? {
            region: '上海市',
            year: new Date().getFullYear() + 1,
            draftingOpen: true,
            submissionDeadline: null,
            cutOffMonth: 7,
            selfEvaluationOpen: true,
            selfEvaluationDeadline: null,
          }
        : item;
    form.setFieldsValue({
      ...base,
      submissionDeadline: base.submissionDeadline ? dayjs(base.submissionDeadline) : null,
      selfEvaluationDeadline: base.selfEvaluationDeadline ? dayjs(base.selfEvaluationDeadline) : null,
    });
    setEditing(item);
  }

  async function save() {
    const values = await form.validateFields();
    const setting: BudgetYearSettingInput = {
      ...values,
      region: values.region.trim(),
      submissionDeadline: day(values.submissionDeadline),
      selfEvaluationDeadline: day(values.selfEvaluationDeadline),
    };
    const before = items.find((s) => s.region === setting.region && s.year === setting.year);
    const closing = !setting.draftingOpen && (before?.draftingOpen ?? true);
    const write = async () => {
      setSaving(true);
      try {
        await budgetYearsApi.save(setting);
        message.success(t('years.saved', { region: setting.region, year: setting.year }));
        setEditing(null);
        list.reload();
      } catch (error) {
        message.error(pick(toApiError(error).problem));
      } finally {
        setSaving(false);
      }
    };
    if (!closing) return write();
    modal.confirm({
      title: t('years.closeConfirmTitle', { region: setting.region, year: setting.year }),
      content: t('years.closeConfirm'),
      okText: t('years.closeOk'),
      okButtonProps: { danger: true, 'data-testid': 'years-close-confirm' } as ButtonProps,
      cancelText: t('common.cancel'),
      onOk: write,
    });
  }

  const dateText = (value: string | null) => (value ? formatDate(value, locale) : t('years.none'));
  const columns = [
    { title: t('years.region'), dataIndex: 'region', key: 'region' },
    { title: t('years.year'), dataIndex: 'year', key: 'year' },
    {
      title: t('years.draftingOpen'),
      key: 'draftingOpen',
      render: (_: unknown, s: BudgetYear) =>
        s.draftingOpen ? (
          <Tag color="green">{t('years.open')}</Tag>
        ) : (
          <Tag color="red">{t('years.closed')}</Tag>
        ),
    },
    {
      title: t('years.submissionDeadline'),
      key: 'submissionDeadline',
      render: (_: unknown, s: BudgetYear) => dateText(s.submissionDeadline),
    },
    {
      title: t('years.cutOffMonth'),
      key: 'cutOffMonth',
      render: (_: unknown, s: BudgetYear) => t('monitoring.month', { m: s.cutOffMonth }),
    },
    {
      title: t('years.selfEvaluationOpen'),
      key: 'selfEvaluation',
      render: (_: unknown, s: BudgetYear) => (
        <>
          {s.selfEvaluationOpen ? t('years.open') : t('years.closed')}
          {s.selfEvaluationDeadline ? `（${dateText(s.selfEvaluationDeadline)}）` : ''}
        </>
      ),
    },
    {
      title: t('years.updated'),
      key: 'updated',
      render: (_: unknown, s: BudgetYear) => (s.updatedAt ? formatDateTime(s.updatedAt, locale) : ''),
    },
    ...(canManage
      ? [
          {
            title: t('common.actions'),
            key: 'actions',
            render: (_: unknown, s: BudgetYear) => (
              <Button size="small" onClick={() => open(s)} data-testid="years-edit">
                {t('common.edit')}
              </Button>
            ),
          },
        ]
      : []),
  ];

  const pickerFormat = datePickerFormat(locale);
  return (
    <div className="panel" data-testid="budget-years">
      <p className="muted">{t('years.intro')}</p>
      {canManage ? (
        <div style={{ display: 'flex', justifyContent: 'flex-end', marginBottom: 12 }}>
          <Button type="primary" icon={<PlusOutlined />} onClick={() => open('new')} data-testid="years-new">
            {t('years.new')}
          </Button>
        </div>
      ) : null}
      <Table<BudgetYear>
        rowKey={(s) => `${s.region}/${s.year}`}
        size="small"
        loading={list.loading}
        columns={columns}
        dataSource={items}
        locale={{ emptyText: t('years.empty') }}
        pagination={{ pageSize: 50, hideOnSinglePage: true }}
      />
      <Modal
        open={editing !== null}
        title={
          editing === 'new'
            ? t('years.new')
            : editing
              ? t('years.edit', { region: editing.region, year: editing.year })
              : ''
        }
        onCancel={() => setEditing(null)}
        onOk={() => void save()}
        confirmLoading={saving}
        okButtonProps={{ 'data-testid': 'years-save' } as Record<string, string>}
        destroyOnHidden
      >
        <Form<YearForm> form={form} layout="vertical" preserve={false}>
          <Form.Item name="region" label={t('years.region')} rules={[{ required: true, whitespace: true }]}>
            <Input disabled={editing !== 'new'} data-testid="years-region" />
          </Form.Item>
          <Form.Item name="year" label={t('years.year')} rules={[{ required: true }]}>
            <InputNumber
              min={2000}
              max={2100}
              precision={0}
              disabled={editing !== 'new'}
              data-testid="years-year"
            />
          </Form.Item>
          <Form.Item name="draftingOpen" label={t('years.draftingOpen')} valuePropName="checked">
            <Switch data-testid="years-drafting-open" />
          </Form.Item>
          <Form.Item name="submissionDeadline" label={t('years.submissionDeadline')}>
            <DatePicker format={pickerFormat} data-testid="years-submission-deadline" />
          </Form.Item>
          <Form.Item name="cutOffMonth" label={t('years.cutOffMonth')} rules={[{ required: true }]}>
            <Select
              style={{ width: 160 }}
              data-testid="years-cut-off"
              options={Array.from({ length: 11 }, (_, i) => ({
                value: i + 1,
                label: t('monitoring.month', { m: i + 1 }),
              }))}
            />
          </Form.Item>
          <Form.Item name="selfEvaluationOpen" label={t('years.selfEvaluationOpen')} valuePropName="checked">
            <Switch />
          </Form.Item>
          <Form.Item name="selfEvaluationDeadline" label={t('years.selfEvaluationDeadline')}>
            <DatePicker format={pickerFormat} />
          </Form.Item>
        </Form>
      </Modal>
    </div>
  );
}
