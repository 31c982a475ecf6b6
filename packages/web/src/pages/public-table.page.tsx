import { ArrowLeftOutlined } from '@ant-design/icons';
import type { PublicTable } from '@jixiao/core/analysis/public-table.schema';
import { Button, Space, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { publicApi } from '../api/public.api.ts';
import { queryKeys } from '../api/query-client.ts';
import { FormLocaleSwitch } from '../components/form-locale-switch.tsx';
import { OfficialLayoutView } from '../components/official-layout-view.tsx';
import { BackResult, formDownloadIcons, PageSpinner } from '../components/printed-form-parts.tsx';
import { useLoad } from '../hooks/use-load.ts';
import { useOfficialForm } from '../hooks/use-official-form.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** /public/tables/:id — a published table in the official printed layout, with its downloads in the form's language. */
export default function PublicTablePage() {
  const { id = '' } = useParams();
  const { t, pick } = useI18n();
  const loaded = useLoad(queryKeys.publicTable(id), () => publicApi.getTable(id));
  const published: PublicTable | null = loaded.data;
  const error = loaded.error;

  const { layout, formLocale, setFormLocale } = useOfficialForm(
    published?.table ?? null,
    published?.name ?? null,
  );

  if (error?.problem.code === 'table.unpublished') {
    // Taken off the portal by an administrator: the notice says when and why, in place of the table.
    return (
      <BackResult
        status="warning"
        title={t('portal.unpublished')}
        subTitle={<span data-testid="public-unpublished">{pick(error.problem)}</span>}
        to="/public"
        back={t('portal.back')}
      />
    );
  }
  if (error) {
    return <BackResult status="404" title={t('portal.notFound')} to="/public" back={t('portal.back')} />;
  }
  if (!published || !layout) {
    return <PageSpinner />;
  }
  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="public-table-page">
      <Space wrap>
        <Link to="/public">
          <Button icon={<ArrowLeftOutlined />}>{t('portal.back')}</Button>
        </Link>
        <Typography.Text strong>{published.name}</Typography.Text>
        <Typography.Text type="secondary">{t('portal.version', { v: published.version })}</Typography.Text>
        <FormLocaleSwitch value={formLocale} onChange={setFormLocale} />
        {(
          [
            ['pdf', 'portal.downloadPdf'],
            ['xlsx', 'portal.downloadXlsx'],
            ['docx', 'portal.downloadDocx'],
            ['html', 'portal.downloadHtml'],
          ] as const
        ).map(([format, label]) => (
          <a
            key={format}
            href={publicApi.exportUrl(id, format, formLocale)}
            download
            data-testid={`public-download-${format}`}
          >
            <Button icon={formDownloadIcons[format]}>{t(label)}</Button>
          </a>
        ))}
      </Space>
      <div className="print-page">
        <OfficialLayoutView layout={layout} />
      </div>
    </Space>
  );
}
