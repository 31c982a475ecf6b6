import { ArrowLeftOutlined, PrinterOutlined } from '@ant-design/icons';
import type { TableRecord } from '@jixiao/core/tables/table-record.schema';
import { Button } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/api-client.ts';
import { queryKeys } from '../api/query-client.ts';
import { FormLocaleSwitch } from '../components/form-locale-switch.tsx';
import { OfficialLayoutView } from '../components/official-layout-view.tsx';
import { BackResult, formDownloadIcons, PageSpinner } from '../components/printed-form-parts.tsx';
import { StatusTag } from '../components/status-tag.tsx';
import { useLoad } from '../hooks/use-load.ts';
import { useOfficialForm } from '../hooks/use-official-form.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** /tables/:id/print — the table as the official form, A4 print CSS, PDF/Word/HTML/Excel downloads. */
export default function OfficialLayoutPage() {
  const { id = '' } = useParams();
  const { t, pick, locale, setLocale } = useI18n();
  const loaded = useLoad(queryKeys.table(id), () => api.getTable(id));
  const record: TableRecord | null = loaded.data;
  const error = loaded.error;

  // The page has no app chrome (it prints as the document): its language switch is the app's, so the
  // toolbar, the sheet and the downloads always speak the same language, the one the reader keeps.
  const { layout, formLocale } = useOfficialForm(record?.table ?? null, record?.table.name ?? null);

  if (error) {
    return (
      <BackResult
        status={error.status === 404 ? '404' : 'warning'}
        title={pick(error.problem)}
        to="/tables"
        back={t('nav.tables')}
      />
    );
  }
  if (!record || !layout) {
    return <PageSpinner />;
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
        <FormLocaleSwitch value={locale} onChange={setLocale} />
        <Button icon={<PrinterOutlined />} onClick={() => window.print()}>
          {t('print.print')}
        </Button>
        {(['pdf', 'docx', 'html', 'xlsx'] as const).map((format) => (
          <Button
            key={format}
            icon={formDownloadIcons[format]}
            href={api.exportUrl(id, format, formLocale)}
            download
            data-testid={`download-${format}`}
            type={format === 'xlsx' ? 'primary' : undefined}
          >
            {t(`print.${format}`)}
          </Button>
        ))}
      </div>
      <OfficialLayoutView layout={layout} />
    </div>
  );
}
