import {
  ArrowLeftOutlined,
  FileExcelOutlined,
  FilePdfOutlined,
  FileWordOutlined,
  Html5Outlined,
} from '@ant-design/icons';
import type { PublicTable } from '@jixiao/core/analysis/public-table.schema';
import { Button, Result, Space, Spin, Typography } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { publicApi } from '../api/public.api.ts';
import { queryKeys } from '../api/query-client.ts';
import { FormLocaleSwitch } from '../components/form-locale-switch.tsx';
import { OfficialLayoutView } from '../components/official-layout-view.tsx';
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
      <Result
        status="warning"
        title={t('portal.unpublished')}
        subTitle={<span data-testid="public-unpublished">{pick(error.problem)}</span>}
        extra={
          <Link to="/public">
            <Button>{t('portal.back')}</Button>
          </Link>
        }
      />
    );
  }
  if (error) {
    return (
      <Result
        status="404"
        title={t('portal.notFound')}
        extra={
          <Link to="/public">
            <Button>{t('portal.back')}</Button>
          </Link>
        }
      />
    );
  }
  if (!published || !layout) {
    return (
      <div className="page-loading">
        <Spin size="large" />
      </div>
    );
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
        <a href={publicApi.exportUrl(id, 'pdf', formLocale)} download data-testid="public-download-pdf">
          <Button icon={<FilePdfOutlined />}>{t('portal.downloadPdf')}</Button>
        </a>
        <a href={publicApi.exportUrl(id, 'xlsx', formLocale)} download data-testid="public-download-xlsx">
          <Button icon={<FileExcelOutlined />}>{t('portal.downloadXlsx')}</Button>
        </a>
        <a href={publicApi.exportUrl(id, 'docx', formLocale)} download data-testid="public-download-docx">
          <Button icon={<FileWordOutlined />}>{t('portal.downloadDocx')}</Button>
        </a>
        <a href={publicApi.exportUrl(id, 'html', formLocale)} download data-testid="public-download-html">
          <Button icon={<Html5Outlined />}>{t('portal.downloadHtml')}</Button>
        </a>
      </Space>
      <div className="print-page">
        <OfficialLayoutView layout={layout} />
      </div>
    </Space>
  );
}
