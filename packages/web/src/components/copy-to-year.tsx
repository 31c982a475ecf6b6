import { CopyOutlined } from '@ant-design/icons';
import type { TableRecord } from '@jixiao/core/tables/table-record.schema';
import { Alert, App, Button, Form, InputNumber, Modal } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { toApiError } from '../api/api-client.ts';
import { tableCopyApi } from '../api/table-copy.api.ts';
import { useSession } from '../hooks/use-session.ts';
import { useI18n } from '../i18n/i18n.tsx';

/**
 * 复制为新年度: asks for the year (next year by default), creates the draft on the server and opens it.
 * Shown only to authors of the table's own unit, the only ones the server lets copy it.
 */
export function CopyToYearButton({ record, dirty }: { record: TableRecord; dirty: boolean }) {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const session = useSession();
  const [open, setOpen] = useState(false);
  const [year, setYear] = useState<number | null>(record.table.year + 1);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const ownUnit =
    session.user?.organisationId != null && session.user.organisationId === record.organisationId;
  if (!ownUnit || !session.can('table.create')) return null;

  const start = () => {
    setYear(record.table.year + 1);
    setError(null);
    setOpen(true);
  };

  const copy = async () => {
    if (year === null) return;
    setBusy(true);
    setError(null);
    try {
      const created = await tableCopyApi.copy(record.id, { year });
      setOpen(false);
      message.success(t('copy.done', { year: created.table.year }));
      navigate(`/tables/${created.id}`);
    } catch (e) {
      // The conflict (that year exists) and refused years stay in the dialog, beside the year to change.
      setError(pick(toApiError(e).problem));
    } finally {
      setBusy(false);
    }
  };

  return (
    <>
      <Button icon={<CopyOutlined />} onClick={start} data-testid="copy-to-year">
        {t('copy.button')}
      </Button>
      <Modal
        open={open}
        title={t('copy.title')}
        okText={t('copy.ok')}
        okButtonProps={{ disabled: year === null, loading: busy, 'data-testid': 'copy-confirm' }}
        cancelText={t('common.cancel')}
        onOk={() => void copy()}
        onCancel={() => setOpen(false)}
        destroyOnHidden
      >
        <p>{t('copy.intro', { name: record.table.name, year: record.table.year })}</p>
        {dirty && <Alert type="warning" showIcon style={{ marginBottom: 12 }} title={t('copy.unsaved')} />}
        <Form layout="vertical" component="div">
          <Form.Item label={t('copy.year')} htmlFor="copy-year">
            <InputNumber
              id="copy-year"
              min={record.table.year + 1}
              max={2100}
              precision={0}
              value={year}
              onChange={(v) => {
                setYear(typeof v === 'number' ? v : null);
                setError(null);
              }}
              onPressEnter={() => void copy()}
              data-testid="copy-year"
            />
          </Form.Item>
        </Form>
        {error && <Alert type="error" showIcon title={error} data-testid="copy-error" />}
      </Modal>
    </>
  );
}
