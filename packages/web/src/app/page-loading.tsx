import { Skeleton } from 'antd';
import { useI18n } from '../i18n/i18n.tsx';

/** A page still loading: the outline of a heading and rows where the page will be, announced to screen readers. */
export function PageLoading() {
  const { t } = useI18n();
  return (
    <div className="page-skeleton" role="status" aria-busy="true" aria-label={t('common.loading')}>
      <Skeleton
        active
        title={{ width: '28%' }}
        paragraph={{ rows: 7, width: ['60%', '100%', '100%', '100%', '100%', '100%', '80%'] }}
      />
    </div>
  );
}
