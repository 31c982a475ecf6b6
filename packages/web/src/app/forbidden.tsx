import { Button, Result } from 'antd';
import { Link } from 'react-router-dom';
import { useDocumentTitle } from '../hooks/use-document-title.ts';
import { useI18n } from '../i18n/i18n.tsx';

/** A page the user's role may not open: what it is for, and a way back to work instead of a dead end. */
export function ForbiddenResult({ message }: { message: string }) {
  const { t } = useI18n();
  useDocumentTitle(t('error.forbiddenTitle'));
  return (
    <Result
      status="403"
      title={t('error.forbiddenTitle')}
      subTitle={message}
      data-testid="forbidden"
      extra={
        <Link to="/tables">
          <Button type="primary">{t('error.backToTables')}</Button>
        </Link>
      }
    />
  );
}

/**
 * Any other error a page cannot go on from, in the server's words. Beside ForbiddenResult so that a page
 * can load both (and antd's Result with its illustrations) lazily, when an error shows.
 */
export function ProblemResult({ title }: { title: string }) {
  return <Result status="warning" title={title} />;
}
