import type { Finding, RuleSetSummary, Severity } from '@jixiao/core/review/finding.schema';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import { Alert, Badge, Card, Empty, List, Select, Spin, Tag, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { ApiError, request } from '../api/api-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { focusField } from './review-comments-workflow.tsx';

const severities: readonly Severity[] = ['error', 'warning', 'hint'];
const severityColor: Record<Severity, string> = { error: 'red', warning: 'orange', hint: 'blue' };

/** Findings grouped by severity, errors first, each group in the order the rules reported them. */
export function groupFindings(findings: readonly Finding[]): { severity: Severity; items: Finding[] }[] {
  return severities
    .map((severity) => ({ severity, items: findings.filter((f) => f.severity === severity) }))
    .filter((group) => group.items.length > 0);
}

export interface FindingsPanelProps {
  findings: readonly Finding[];
  /** Called with the finding's field path (e.g. `indicators.8.target`) when the user clicks it. */
  onSelect?: (path: string, finding: Finding) => void;
}

/** The automatic review findings as a list grouped by severity; a finding with a place is clickable. */
export function FindingsPanel({ findings, onSelect }: FindingsPanelProps) {
  const { t, pick } = useI18n();
  if (findings.length === 0) {
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('findings.none')} />;
  }
  return (
    <div className="findings-panel" data-testid="findings-panel">
      {groupFindings(findings).map(({ severity, items }) => (
        <List
          key={severity}
          size="small"
          data-severity={severity}
          header={
            <Typography.Text strong>
              <Badge
                color={severityColor[severity]}
                text={`${t(`findings.severity.${severity}`)}（${items.length}）`}
              />
            </Typography.Text>
          }
          dataSource={items}
          renderItem={(finding) => {
            const { path } = finding;
            const select = path && onSelect ? () => onSelect(path, finding) : undefined;
            return (
              <List.Item
                data-rule={finding.ruleId}
                data-path={path}
                onClick={select}
                style={select ? { cursor: 'pointer' } : undefined}
                title={select ? t('findings.goTo') : undefined}
              >
                <span>
                  <Tag color={severityColor[severity]}>{finding.ruleId}</Tag>
                  {select ? <Typography.Link>{pick(finding)}</Typography.Link> : pick(finding)}
                </span>
              </List.Item>
            );
          }}
        />
      ))}
    </div>
  );
}

interface CheckResponse {
  ruleSet: string;
  findings: Finding[];
  counts: Record<Severity, number>;
}

// Review as the user types, but not on every key stroke.
const debounceMs = 600;

/**
 * The findings of a table being edited: posts it to /api/check (a moment after the last change) with the
 * chosen rule set and shows the panel. Clicking a finding moves to its field in the form.
 */
export function TableFindings({
  table,
  onSelect = focusField,
}: {
  table: PerformanceTable;
  onSelect?: (path: string, finding: Finding) => void;
}) {
  const { t, pick } = useI18n();
  const [ruleSets, setRuleSets] = useState<RuleSetSummary[]>([]);
  const [ruleSet, setRuleSet] = useState<string | null>(null);
  const [result, setResult] = useState<CheckResponse | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [loading, setLoading] = useState(false);

  useEffect(() => {
    request<{ items: RuleSetSummary[] }>('GET', '/api/rule-sets')
      .then((body) => setRuleSets(body.items))
      .catch(() => setRuleSets([]));
  }, []);

  useEffect(() => {
    let stale = false;
    const timer = setTimeout(() => {
      setLoading(true);
      const query = ruleSet ? `?ruleSet=${encodeURIComponent(ruleSet)}` : '';
      request<CheckResponse>('POST', `/api/check${query}`, { table })
        .then((body) => {
          if (stale) return;
          setResult(body);
          setError(null);
        })
        .catch((e: unknown) => {
          if (!stale) setError(e instanceof ApiError ? e : null);
        })
        .finally(() => {
          if (!stale) setLoading(false);
        });
    }, debounceMs);
    return () => {
      stale = true;
      clearTimeout(timer);
    };
  }, [table, ruleSet]);

  const counts = result?.counts;
  return (
    <Card
      size="small"
      className="editor-card"
      data-testid="table-findings"
      title={
        <span>
          {t('findings.title')} {loading && <Spin size="small" />}
          {counts && !loading && (
            <Typography.Text type="secondary" style={{ marginLeft: 8, fontWeight: 'normal' }}>
              {t('findings.summary', counts)}
            </Typography.Text>
          )}
        </span>
      }
      extra={
        ruleSets.length > 0 && (
          <Select
            size="small"
            aria-label={t('findings.ruleSet')}
            style={{ minWidth: 220 }}
            value={ruleSet ?? result?.ruleSet ?? ruleSets[0]?.id}
            onChange={setRuleSet}
            options={ruleSets.map((s) => ({ value: s.id, label: pick(s) }))}
          />
        )
      }
    >
      {error?.status === 400 ? (
        <Typography.Text type="secondary">{t('findings.invalid')}</Typography.Text>
      ) : error ? (
        <Alert type="error" showIcon title={t('findings.failed', { message: pick(error.problem) })} />
      ) : result ? (
        <FindingsPanel findings={result.findings} onSelect={onSelect} />
      ) : (
        <Typography.Text type="secondary">{t('findings.loading')}</Typography.Text>
      )}
    </Card>
  );
}
