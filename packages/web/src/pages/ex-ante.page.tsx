import {
  type ExAnteAssessmentInput,
  type ExAnteConclusion,
  type ExAnteScore,
  exAnteAssessmentInputSchema,
  exAnteConclusionSchema,
  exAnteDimensionPoints,
  exAnteDimensions,
} from '@jixiao/core/ex-ante/ex-ante.schema';
import { Alert, App, Button, Card, Input, InputNumber, Radio, Result, Space, Table, Tag } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/api-client.ts';
import { exAnteApi } from '../api/ex-ante.api.ts';
import { PageLoading } from '../app/page-loading.tsx';
import { useShowFailure } from '../components/load-error.tsx';
import { PageHead } from '../components/page-head.tsx';
import { useLoad } from '../hooks/use-load.ts';
import { useSeed } from '../hooks/use-seed.ts';
import { useI18n } from '../i18n/i18n.tsx';

const blank = (): ExAnteScore[] =>
  exAnteDimensions.map((dimension) => ({ dimension, score: 0, evidence: '' }));

/**
 * /tables/:id/ex-ante: the ex-ante assessment (事前绩效评估) of a target table: what the rule set asks,
 * the five dimensions scored with evidence, the total against the set's bands, the conclusion, and
 * whether the ex-ante rules let the table be submitted. The author edits while the table is editable;
 * everyone else who reads the table reads it.
 */
export default function ExAntePage() {
  const { id = '' } = useParams();
  const { t, pick, locale } = useI18n();
  const { message } = App.useApp();
  const showFailure = useShowFailure();
  const loadTable = useCallback(() => api.getTable(id), [id]);
  const loadView = useCallback(() => exAnteApi.get(id), [id]);
  const table = useLoad(['table', id], loadTable);
  const view = useLoad(['table', id, 'ex-ante'], loadView);
  const [scores, setScores] = useState<ExAnteScore[]>(blank);
  const [conclusion, setConclusion] = useState<ExAnteConclusion | null>(null);
  const [opinion, setOpinion] = useState('');
  const [assessor, setAssessor] = useState('');
  const [saving, setSaving] = useState(false);

  const stored = view.data?.assessment ?? null;
  // The form starts once from the stored assessment: a refetch (focus, another write) leaves typing alone.
  useSeed(id, stored?.tableId === id ? stored : null, (assessment) => {
    setScores(exAnteDimensions.map((d) => assessment.scores.find((s) => s.dimension === d) ?? blank()[0]!));
    setConclusion(assessment.conclusion);
    setOpinion(assessment.opinion);
    setAssessor(assessment.assessor ?? '');
  });

  const total = useMemo(() => Math.round(scores.reduce((sum, s) => sum + s.score, 0) * 100) / 100, [scores]);
  const body: ExAnteAssessmentInput | null = useMemo(() => {
    const parsed = exAnteAssessmentInputSchema.safeParse({
      scores,
      conclusion,
      opinion,
      assessor: assessor.trim() || null,
    });
    return parsed.success ? parsed.data : null;
  }, [scores, conclusion, opinion, assessor]);

  if (table.error || view.error) {
    const problem = (table.error ?? view.error)?.problem;
    return <Result status="warning" title={problem ? pick(problem) : ''} />;
  }
  if (!table.data || !view.data) return <PageLoading />;
  const v = view.data;
  const editable = v.canEdit;
  const bands = v.bands;
  const suggested = total >= bands.support ? 'support' : total >= bands.partial ? 'partial' : 'reject';

  const save = async () => {
    if (!body) {
      message.error(t('exAnte.incomplete'));
      return;
    }
    setSaving(true);
    try {
      await exAnteApi.save(id, body);
      message.success(t('exAnte.saved'));
      view.reload();
    } catch (e) {
      showFailure(e);
    } finally {
      setSaving(false);
    }
  };
  const setScore = (index: number, change: Partial<ExAnteScore>) =>
    setScores((all) => all.map((s, i) => (i === index ? { ...s, ...change } : s)));

  return (
    <div data-testid="ex-ante-page">
      <PageHead
        title={t('exAnte.pageTitle', { name: table.data.table.name })}
        subtitle={t('exAnte.subtitle')}
      >
        {/* The saved assessment prints as the official form, in the language of the page. */}
        {stored ? (
          <>
            <Button href={exAnteApi.documentUrl(id, 'pdf', locale)} data-testid="ex-ante-pdf">
              {t('print.pdf')}
            </Button>
            <Button href={exAnteApi.documentUrl(id, 'docx', locale)} data-testid="ex-ante-docx">
              {t('print.docx')}
            </Button>
          </>
        ) : null}
        <Link to={`/tables/${id}`}>
          <Button>{t('exAnte.backToTable')}</Button>
        </Link>
      </PageHead>
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        <Alert
          type={v.requirement.required ? 'warning' : 'info'}
          showIcon
          data-testid="ex-ante-requirement"
          title={
            <Space wrap size={4}>
              <Tag color={v.requirement.required ? 'orange' : 'default'}>
                {t(v.requirement.required ? 'exAnte.required' : 'exAnte.notRequired')}
              </Tag>
              <span>{pick(v.requirement)}</span>
              <span className="muted">({v.ruleSet})</span>
            </Space>
          }
        />
        <Alert
          type={v.blocksSubmission ? 'error' : 'success'}
          showIcon
          data-testid="ex-ante-gate"
          data-blocks={v.blocksSubmission}
          title={t(v.blocksSubmission ? 'exAnte.blocks' : 'exAnte.passes')}
          description={
            v.findings.length > 0 ? (
              <ul style={{ margin: 0, paddingLeft: 18 }}>
                {v.findings.map((f) => (
                  <li key={f.ruleId} data-testid="ex-ante-finding">
                    <Tag color={f.severity === 'error' ? 'red' : 'orange'}>{f.ruleId}</Tag>
                    {pick(f)}
                  </li>
                ))}
              </ul>
            ) : null
          }
        />
        {!editable && <Alert type="info" title={t('exAnte.readOnly')} />}
        <Card size="small" title={t('exAnte.title')}>
          <Table
            size="small"
            pagination={false}
            rowKey="dimension"
            dataSource={scores}
            scroll={{ x: 'max-content' }}
            columns={[
              {
                title: t('exAnte.dimension'),
                dataIndex: 'dimension',
                width: 150,
                render: (d: ExAnteScore['dimension']) => t(`exAnte.dim.${d}`),
              },
              {
                title: t('exAnte.score'),
                width: 130,
                render: (_: unknown, s: ExAnteScore, i: number) => (
                  <InputNumber
                    aria-label={`${t(`exAnte.dim.${s.dimension}`)} ${t('exAnte.score')}`}
                    data-testid={`ex-ante-score-${s.dimension}`}
                    min={0}
                    max={exAnteDimensionPoints}
                    step={0.5}
                    disabled={!editable}
                    value={s.score}
                    onChange={(value) => setScore(i, { score: value ?? 0 })}
                  />
                ),
              },
              {
                title: t('exAnte.evidence'),
                render: (_: unknown, s: ExAnteScore, i: number) => (
                  <Input.TextArea
                    aria-label={`${t(`exAnte.dim.${s.dimension}`)} ${t('exAnte.evidence')}`}
                    data-testid={`ex-ante-evidence-${s.dimension}`}
                    autoSize={{ minRows: 1, maxRows: 4 }}
                    disabled={!editable}
                    value={s.evidence}
                    maxLength={4000}
                    onChange={(e) => setScore(i, { evidence: e.target.value })}
                    style={{ minWidth: 260 }}
                  />
                ),
              },
            ]}
          />
          <p data-testid="ex-ante-total" style={{ marginTop: 12 }}>
            {t('exAnte.total', {
              total,
              support: bands.support,
              partial: bands.partial,
              suggested: t(`exAnte.conclusion.${suggested}`),
            })}
          </p>
          <Space direction="vertical" size={8} style={{ width: '100%' }}>
            <Space wrap>
              <strong>{t('exAnte.conclusion')}</strong>
              <Radio.Group
                disabled={!editable}
                value={conclusion}
                onChange={(e) => setConclusion(e.target.value as ExAnteConclusion)}
                data-testid="ex-ante-conclusion"
                options={exAnteConclusionSchema.options.map((c) => ({
                  value: c,
                  label: t(`exAnte.conclusion.${c}`),
                }))}
              />
            </Space>
            <Input.TextArea
              aria-label={t('exAnte.opinion')}
              placeholder={t('exAnte.opinion')}
              data-testid="ex-ante-opinion"
              disabled={!editable}
              autoSize={{ minRows: 2, maxRows: 6 }}
              value={opinion}
              maxLength={4000}
              onChange={(e) => setOpinion(e.target.value)}
            />
            <Input
              aria-label={t('exAnte.assessor')}
              placeholder={t('exAnte.assessor')}
              disabled={!editable}
              value={assessor}
              maxLength={200}
              onChange={(e) => setAssessor(e.target.value)}
            />
            {editable && (
              <Button type="primary" loading={saving} onClick={() => void save()} data-testid="ex-ante-save">
                {t('exAnte.save')}
              </Button>
            )}
          </Space>
        </Card>
      </Space>
    </div>
  );
}
