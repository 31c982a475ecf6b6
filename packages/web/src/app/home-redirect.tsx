import { Navigate } from 'react-router-dom';
import { useSession } from '../hooks/use-session.ts';
import { PageLoading } from './page-loading.tsx';

/** "/": the workbench (我的待办) for someone signed in, the table list (published tables) for visitors. */
export function HomeRedirect() {
  const session = useSession();
  if (session.status === 'loading') return <PageLoading />;
  return <Navigate to={session.user ? '/workbench' : '/tables'} replace />;
}
