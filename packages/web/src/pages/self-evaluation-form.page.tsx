import type { OfficialLayout } from '@jixiao/core/export/official-layout';
import { Result, Space } from 'antd';
import { Link, useParams } from 'react-router-dom';
import { evaluationApi } from '../api/evaluation.api.ts';
import { queryKeys } from '../api/query-client.ts';
import { PageLoading } from '../app/page-loading.tsx';
import { OfficialLayoutView } from '../components/official-layout-view.tsx';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useLoad } from '../hooks/use-load.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** /self-evaluation/:id/form: the 项目支出绩效自评表 in the official layout, with PDF and Excel downloads. */
export default function SelfEvaluationFormPage() {
  const { id = '' } = useParams();
  const { t, pick, locale } = useI18n();
  const loaded = useLoad([...queryKeys.selfEvaluation(id), 'form', locale], () =>
    evaluationApi.selfEvaluationLayout(id, locale),
  );
  const layout: OfficialLayout | null = loaded.data;
  const error = loaded.error;
  useDocumentTitle(layout?.title ?? null);

  if (error) {
    return (
      <Result
        status="warning"
        title={error.status === 404 ? t('selfEval.notSaved') : pick(error.problem)}
        extra={<Link to={`/self-evaluation/${id}`}>{t('common.back')}</Link>}
      />
    );
  }
  if (!layout) return <PageLoading />;
  return (
    <Space direction="vertical" style={{ width: '100%' }} data-testid="self-evaluation-form">
      <Space>
        <Link to={`/self-evaluation/${id}`}>{t('common.back')}</Link>
        <a href={evaluationApi.selfEvaluationDocumentUrl(id, 'pdf', locale)}>{t('selfEval.pdf')}</a>
        <a href={evaluationApi.selfEvaluationDocumentUrl(id, 'xlsx', locale)}>{t('selfEval.xlsx')}</a>
        <a href={evaluationApi.selfEvaluationDocumentUrl(id, 'docx', locale)}>{t('print.docx')}</a>
      </Space>
      <OfficialLayoutView layout={layout} />
    </Space>
  );
}
