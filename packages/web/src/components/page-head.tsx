import type { ReactNode } from 'react';
import { useDocumentTitle } from '../hooks/use-document-title.ts';

/**
 * A page's heading: its title and one line on what it is for, with the page's actions (children) at the
 * right. The title also names the browser tab.
 */
export function PageHead({
  title,
  subtitle,
  children,
}: {
  title: string;
  subtitle: string;
  children?: ReactNode;
}) {
  useDocumentTitle(title);
  return (
    <div className="page-head">
      <div>
        <h1>{title}</h1>
        <p>{subtitle}</p>
      </div>
      {children}
    </div>
  );
}
