import { FileExcelOutlined, FilePdfOutlined, FileWordOutlined, Html5Outlined } from '@ant-design/icons';
import { Button, Result, type ResultProps, Spin } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';

// What the pages that show a table as its printed form (正式版式, the portal's table, the review
// workspace) have in common around the form.

/** The formats a printed form downloads in, each with its icon. */
export const formDownloadIcons: Record<'pdf' | 'docx' | 'html' | 'xlsx', ReactNode> = {
  pdf: <FilePdfOutlined />,
  docx: <FileWordOutlined />,
  html: <Html5Outlined />,
  xlsx: <FileExcelOutlined />,
};

/** A large spinner in the page's place while its table loads. */
export function PageSpinner() {
  return (
    <div className="page-loading">
      <Spin size="large" />
    </div>
  );
}

/** Why the page cannot show its table, and a button back to the list it came from. */
export function BackResult({
  status,
  title,
  subTitle,
  to,
  back,
}: {
  status: ResultProps['status'];
  title: ReactNode;
  subTitle?: ReactNode;
  to: string;
  back: string;
}) {
  return (
    <Result
      status={status}
      title={title}
      subTitle={subTitle}
      extra={
        <Link to={to}>
          <Button>{back}</Button>
        </Link>
      }
    />
  );
}
