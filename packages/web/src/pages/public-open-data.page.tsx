import { DownloadOutlined } from '@ant-design/icons';
import {
  type OpenDataManifest,
  openDataColumns,
  openDataLicence,
} from '@jixiao/core/analysis/open-data.schema';
import { Button, Card, Space, Table, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { publicApi } from '../api/public.api.ts';
import { queryKeys } from '../api/query-client.ts';
import { YearSelect } from '../components/year-select.tsx';
import { useLoad } from '../hooks/use-load.ts';
import { useI18n } from '../i18n/i18n.tsx';
import type { MessageKey } from '../i18n/messages.ts';

/** /public/open-data — what the open data set holds, its licence, and the CSV/JSON downloads. */
export default function PublicOpenDataPage() {
  const { t, pick } = useI18n();
  const [year, setYear] = useState<number | undefined>(undefined);
  // Through the shared cache (under the portal's key, stale once something is published). Without the
  // counts (an error) the downloads still offer every year, and a line beside them says why no year can
  // be chosen and no count is shown.
  const manifestRead = useLoad(queryKeys.openData, publicApi.openDataManifest);
  const manifest: OpenDataManifest | null = manifestRead.data;

  useEffect(() => {
    document.title = t('openData.title');
  }, [t]);

  const years = manifest?.years.map((y) => y.year) ?? [];
  const count =
    manifest === null
      ? null
      : year === undefined
        ? manifest.rows
        : (manifest.years.find((y) => y.year === year)?.rows ?? 0);

  const fields = openDataColumns.map((c) => ({
    key: c.key,
    column: `${c.zh} (${c.en})`,
    meaning: t(`openData.field.${c.key}` as MessageKey),
  }));

  return (
    <Space direction="vertical" size="middle" style={{ width: '100%' }} data-testid="open-data-page">
      <Typography.Title level={3} style={{ marginBottom: 0 }}>
        {t('openData.title')}
      </Typography.Title>
      <Typography.Paragraph>{t('openData.intro')}</Typography.Paragraph>
      <Typography.Paragraph type="secondary">
        {t('openData.licence', { licence: openDataLicence })}
      </Typography.Paragraph>
      <Card size="small">
        <Space wrap>
          <YearSelect years={years} value={year} onChange={setYear} />
          <a href={publicApi.openDataUrl('csv', year)} download data-testid="open-data-csv">
            <Button type="primary" icon={<DownloadOutlined />}>
              {t('openData.downloadCsv')}
            </Button>
          </a>
          <a href={publicApi.openDataUrl('json', year)} target="_blank" rel="noreferrer">
            <Button icon={<DownloadOutlined />}>{t('openData.downloadJson')}</Button>
          </a>
          {manifestRead.error && (
            <Typography.Text
              type="warning"
              data-testid="open-data-counts-error"
              data-code={manifestRead.error.problem.code}
            >
              {t('error.openDataCountsFailed', { reason: pick(manifestRead.error.problem) })}{' '}
              <Button size="small" type="link" onClick={manifestRead.reload}>
                {t('common.retry')}
              </Button>
            </Typography.Text>
          )}
          {count === null ? null : (
            <Typography.Text type="secondary" data-testid="open-data-count">
              {t('openData.rows', { n: count })}
            </Typography.Text>
          )}
        </Space>
      </Card>
      <Typography.Title level={5}>{t('openData.fields')}</Typography.Title>
      <Table
        rowKey="key"
        size="small"
        pagination={false}
        dataSource={fields}
        columns={[
          {
            title: t('openData.field'),
            dataIndex: 'key',
            width: 180,
            render: (k: string) => <code>{k}</code>,
          },
          { title: t('openData.column'), dataIndex: 'column', width: 260 },
          { title: t('openData.meaning'), dataIndex: 'meaning' },
        ]}
      />
    </Space>
  );
}
