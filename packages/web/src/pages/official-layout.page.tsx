import { ArrowLeftOutlined, FileExcelOutlined, FilePdfOutlined, PrinterOutlined } from '@ant-design/icons';
import { officialLayout } from '@jixiao/core/export/official-layout';
import type { TableRecord } from '@jixiao/core/tables/table-record.schema';
import { Button, Result, Segmented, Spin } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ApiError, api } from '../api/api-client.ts';
import { OfficialLayoutView } from '../components/official-layout-view.tsx';
import { StatusTag } from '../components/status-tag.tsx';
import { useI18n } from '../i18n/i18n.tsx';

/** /tables/:id/print — the table as the official form, A4 print CSS, PDF/Excel downloads. */
export default function OfficialLayoutPage() {
  const { id = '' } = useParams();
  const { t, pick, locale } = useI18n();
  const [record, setRecord] = useState<TableRecord | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  // The form follows the UI language at first; the switch gives the other (the official one is Chinese).
  const [formLocale, setFormLocale] = useState<'zh' | 'en'>(locale);

  useEffect(() => {
    let live = true;
    api
      .getTable(id)
      .then((r) => live && setRecord(r))
      .catch((e: unknown) => live && setError(e instanceof ApiError ? e : null));
    return () => {
      live = false;
    };
  }, [id]);

  const layout = useMemo(
    () => (record ? officialLayout(record.table, formLocale) : null),
    [record, formLocale],
  );

  useEffect(() => {
    if (record) document.title = `${record.table.name} · ${layout?.title ?? ''}`;
  }, [record, layout]);

  if (error) {
    return (
      <Result
        status={error.status === 404 ? '404' : 'warning'}
        title={pick(error.problem)}
        extra={
          <Link to="/tables">
            <Button>{t('nav.tables')}</Button>
          </Link>
        }
      />
    );
  }
  if (!record || !layout) {
    return (
      <div className="page-loading">
        <Spin size="large" />
      </div>
    );
  }
  return (
    <div className="print-page" data-testid="print-page">
      <div className="print-toolbar">
        <Link to={`/tables/${id}`}>
          <Button icon={<ArrowLeftOutlined />}>{t('print.back')}</Button>
        </Link>
        <strong>{record.table.name}</strong>
        <StatusTag status={record.status} />
        <span className="muted">{t('editor.version', { v: record.version })}</span>
        <span className="spacer" />
        <Segmented
          size="small"
          value={formLocale}
          onChange={(v) => setFormLocale(v === 'en' ? 'en' : 'zh')}
          options={[
            { value: 'zh', label: '中文' },
            { value: 'en', label: 'English' },
          ]}
        />
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('print.print')}
        </Button>
        <Button
          icon={<FilePdfOutlined />}
          href={api.exportUrl(id, 'pdf')}
          download
          data-testid="download-pdf"
        >
          {t('print.pdf')}
        </Button>
        <Button
          icon={<FileExcelOutlined />}
          href={api.exportUrl(id, 'xlsx')}
          download
          data-testid="download-xlsx"
          type="primary"
        >
          {t('print.xlsx')}
        </Button>
      </div>
      <div className="print-sheet" lang={formLocale === 'zh' ? 'zh-CN' : 'en'}>
        <OfficialLayoutView layout={layout} />
      </div>
    </div>
  );
}
