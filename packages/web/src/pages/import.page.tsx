import { PageLoading } from '../app/page-loading.tsx';

// Placeholder while the page is being built; replaced in the next commit.
export default function Page() {
  return <PageLoading />;
}
