import type { PeerProject } from '@jixiao/core/peers/peer.schema';
import type { Finding, Severity } from '@jixiao/core/review/finding.schema';
import { countBySeverity, reviewTable } from '@jixiao/core/review/review-table';
import { autoRuleSetId, resolveRuleSet, ruleSets } from '@jixiao/core/review/rule-sets';
import { type PerformanceTable, performanceTableSchema } from '@jixiao/core/tables/table.schema';
import { Badge, Card, Empty, List, Select, Tag, Typography } from 'antd';
import { useDeferredValue, useMemo, useState } from 'react';
import { ruleSetRef, useRuleSetCatalogue } from '../api/rule-sets.api.ts';
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

/**
 * The findings of a table being edited, worked out in the browser by the same core rules the server
 * and the CLI run (no round trip while typing). The draft is first checked against THE table schema;
 * while it does not pass, the form's own errors come first. Clicking a finding moves to its field.
 */
export function TableFindings({
  table,
  peers,
  onSelect = focusField,
}: {
  table: PerformanceTable;
  /** Similar projects the server found (案例库): the evidence rules (P01–P03) compare with them. */
  peers?: readonly PeerProject[] | undefined;
  onSelect?: (path: string, finding: Finding) => void;
}) {
  const { t, pick } = useI18n();
  const [ruleSetId, setRuleSetId] = useState<string>(autoRuleSetId);
  // Sets an administrator derived or assigned to the table's year apply here as on the server.
  const catalogue = useRuleSetCatalogue();
  // Typing stays responsive: the review follows the draft at React's lower priority.
  const deferred = useDeferredValue(table);
  const result = useMemo(() => {
    const parsed = performanceTableSchema.safeParse(deferred);
    if (!parsed.success) return null;
    const set = catalogue
      ? catalogue.resolve(ruleSetId, parsed.data)
      : resolveRuleSet(ruleSetId, parsed.data);
    const findings = reviewTable(parsed.data, set, peers ? { peers } : {});
    return { set, findings, counts: countBySeverity(findings) };
  }, [deferred, ruleSetId, catalogue, peers]);

  const options = [
    {
      value: autoRuleSetId,
      label: `${t('findings.auto')}${result ? `（${pick(result.set)}${result.set.baseId ? ` v${result.set.version}` : ''}）` : ''}`,
    },
    ...[...ruleSets.values(), ...(catalogue?.derived ?? [])].map((s) => ({
      value: ruleSetRef(s),
      label: s.baseId ? `${pick(s)} v${s.version}` : pick(s),
    })),
  ];
  return (
    <Card
      size="small"
      className="editor-card"
      data-testid="table-findings"
      title={
        <span>
          {t('findings.title')}
          {result && (
            <Typography.Text type="secondary" style={{ marginLeft: 8, fontWeight: 'normal' }}>
              {t('findings.summary', result.counts)}
            </Typography.Text>
          )}
        </span>
      }
      extra={
        <Select
          size="small"
          aria-label={t('findings.ruleSet')}
          style={{ minWidth: 260 }}
          value={ruleSetId}
          onChange={setRuleSetId}
          options={options}
          data-testid="findings-rule-set"
        />
      }
    >
      {result ? (
        <FindingsPanel findings={result.findings} onSelect={onSelect} />
      ) : (
        <Typography.Text type="secondary">{t('findings.invalid')}</Typography.Text>
      )}
    </Card>
  );
}
