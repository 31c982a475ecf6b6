import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useI18n } from '../i18n/i18n.tsx';

export default function NotFoundPage() {
  const { t } = useI18n();
  useDocumentTitle(t('error.notFoundPage'));
  return (
    <Result
      status="404"
      title={t('error.notFoundPage')}
      subTitle={t('error.notFoundHint')}
      data-testid="not-found"
      extra={
        <Link to="/tables">
          <Button type="primary">{t('error.backToTables')}</Button>
        </Link>
      }
    />
  );
}
