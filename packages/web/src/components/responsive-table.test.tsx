import type { TableProps } from 'antd';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { CardList, cellOf } from './responsive-table.tsx';

interface Row {
  id: string;
  name: string;
  budget: { current: number | null };
}

const rows: Row[] = [
  { id: 'a', name: '科普讲座进社区经费', budget: { current: 120000 } },
  { id: 'b', name: '青少年科创实验室建设', budget: { current: null } },
];

const columns: TableProps<Row>['columns'] = [
  { title: '项目名称', dataIndex: 'name', render: (name: string) => <a href="#x">{name}</a> },
  { title: '当年预算', dataIndex: ['budget', 'current'] },
  { title: '操作', key: 'open', render: (_: unknown, row) => `打开 ${row.id}` },
];

describe('cellOf', () => {
  it('follows a nested dataIndex and shows a dash for nothing', () => {
    const column = columns[1] as Parameters<typeof cellOf<Row>>[0];
    expect(cellOf(column, rows[0] as Row, 0)).toBe('120000');
    expect(cellOf(column, rows[1] as Row, 1)).toBe('—');
  });

  it('uses the render with the row when there is no dataIndex', () => {
    expect(cellOf(columns[2] as Parameters<typeof cellOf<Row>>[0], rows[1] as Row, 1)).toBe('打开 b');
  });
});

describe('CardList', () => {
  it('renders a card per row: the first column as heading, the others as labelled lines', () => {
    const html = renderToStaticMarkup(
      <CardList<Row>
        rowKey="id"
        columns={columns}
        dataSource={rows}
        onRow={() => ({ 'data-testid': 'my-row' }) as React.HTMLAttributes<HTMLElement>}
        data-testid="list"
      />,
    );
    expect(html.match(/class="card-list-item"/g)).toHaveLength(2);
    expect(html).toContain('data-testid="my-row"');
    expect(html).toContain('<div class="card-list-title"><a href="#x">科普讲座进社区经费</a></div>');
    expect(html).toContain('<dt>当年预算</dt><dd>120000</dd>');
    expect(html).toContain('<dt>操作</dt><dd>打开 b</dd>');
    expect(html).not.toContain('<dt>项目名称</dt>');
  });

  it('heads a card with the column named by cardTitle', () => {
    const html = renderToStaticMarkup(
      <CardList<Row> rowKey="id" cardTitle="open" columns={columns} dataSource={rows.slice(0, 1)} />,
    );
    expect(html).toContain('<div class="card-list-title">打开 a</div>');
    expect(html).toContain('<dt>项目名称</dt>');
  });

  it('shows the empty text and pages a long local list', () => {
    expect(
      renderToStaticMarkup(
        <CardList<Row> columns={columns} dataSource={[]} locale={{ emptyText: '暂无' }} />,
      ),
    ).toContain('暂无');
    const many = Array.from({ length: 25 }, (_, i) => ({
      id: `r${i}`,
      name: `项目${i}`,
      budget: { current: i },
    }));
    const html = renderToStaticMarkup(
      <CardList<Row> rowKey="id" columns={columns} dataSource={many} pagination={{ pageSize: 10 }} />,
    );
    expect(html.match(/class="card-list-item"/g)).toHaveLength(10);
    expect(html).toContain('ant-pagination');
  });
});
