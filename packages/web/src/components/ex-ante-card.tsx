import { Button, Card, Space, Tag } from 'antd';
import { useCallback } from 'react';
import { Link } from 'react-router-dom';
import { exAnteApi } from '../api/ex-ante.api.ts';
import { useLoad } from '../hooks/use-load.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { LoadError } from './load-error.tsx';

const conclusionColor = { support: 'green', partial: 'orange', reject: 'red' } as const;

/**
 * The ex-ante assessment in the review workspace: whether the rule set asks for one, its conclusion and
 * total, and a link to the whole form. Nothing when the set asks for none and none was made.
 */
export function ExAnteCard({ tableId }: { tableId: string }) {
  const { t, pick } = useI18n();
  const load = useCallback(() => exAnteApi.get(tableId), [tableId]);
  const { data, error, reload } = useLoad(['table', tableId, 'ex-ante'], load);
  // Unread, the card cannot know whether the rule set asks for an assessment: it says so.
  if (error)
    return (
      <Card size="small" title={t('exAnte.title')} style={{ marginBottom: 12 }} data-testid="ex-ante-card">
        <LoadError error={error} onRetry={reload} />
      </Card>
    );
  if (!data || (!data.requirement.required && !data.assessment)) return null;
  const a = data.assessment;
  return (
    <Card
      size="small"
      title={t('exAnte.title')}
      style={{ marginBottom: 12 }}
      data-testid="ex-ante-card"
      extra={
        <Link to={`/tables/${tableId}/ex-ante`}>
          <Button size="small">{t('common.open')}</Button>
        </Link>
      }
    >
      <Space direction="vertical" size={4}>
        <span className="muted">{pick(data.requirement)}</span>
        {a ? (
          <Space wrap size={4}>
            <Tag color={conclusionColor[a.conclusion]} data-testid="ex-ante-card-conclusion">
              {t('exAnte.summary', { conclusion: t(`exAnte.conclusion.${a.conclusion}`), total: a.total })}
            </Tag>
            <span>{a.opinion}</span>
          </Space>
        ) : (
          <Tag color="red">{t('exAnte.none')}</Tag>
        )}
      </Space>
    </Card>
  );
}
