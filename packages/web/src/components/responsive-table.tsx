import { Empty, Grid, Pagination, Spin, Table, type TableProps } from 'antd';
import type { ColumnType } from 'antd/es/table';
import { type HTMLAttributes, type ReactNode, useState } from 'react';

type Column<T> = ColumnType<T> & { children?: unknown };

type CardListProps<T> = TableProps<T> & {
  'data-testid'?: string;
  /** The column (its key, else its dataIndex) that heads each card; the first column by default. */
  cardTitle?: string;
};

/** The value a column shows for a row: its `render`, else the field its `dataIndex` names. */
export function cellOf<T extends object>(column: Column<T>, row: T, index: number): ReactNode {
  const path = column.dataIndex;
  const keys = path === undefined ? [] : Array.isArray(path) ? path : [path];
  let value: unknown = keys.length === 0 ? undefined : row;
  for (const key of keys) value = (value as Record<string | number, unknown> | undefined)?.[key as string];
  if (column.render) {
    const shown = column.render(value, row, index);
    // A render may return cell props ({ children, props }); the card wants what it shows.
    if (shown && typeof shown === 'object' && 'children' in shown && !('$$typeof' in shown))
      return (shown as { children: ReactNode }).children;
    return shown as ReactNode;
  }
  return value === null || value === undefined ? '—' : String(value);
}

function keyOf<T extends object>(rowKey: TableProps<T>['rowKey'], row: T, index: number): string {
  if (typeof rowKey === 'function') return String(rowKey(row, index));
  const field = typeof rowKey === 'string' ? rowKey : 'key';
  const value = (row as Record<string, unknown>)[field];
  return value === undefined ? String(index) : String(value);
}

/**
 * A table on a wide screen, a column of cards on a phone (below antd's `md`, 768 px): each row becomes a
 * card whose heading is its first column (or `cardTitle`) and whose other columns are label–value lines, so a list reads
 * top to bottom instead of scrolling sideways or squeezing names into one character a line. Takes the
 * Table's own props; sorting headers and row selection exist only in the table form.
 */
export function ResponsiveTable<T extends object>(props: CardListProps<T>) {
  const screens = Grid.useBreakpoint();
  // Before the first measurement `md` is undefined: the table, as on every wide screen.
  if (screens.md !== false) return <Table<T> {...props} />;
  return <CardList<T> {...props} />;
}

export function CardList<T extends object>(props: CardListProps<T>) {
  const [ownPage, setOwnPage] = useState(1);
  const { columns = [], dataSource = [], rowKey, loading, pagination, locale, onRow, onChange } = props;
  const shown = (columns as Column<T>[]).filter((c) => !c.hidden && c.children === undefined);
  const headAt = Math.max(
    0,
    shown.findIndex((c) => props.cardTitle !== undefined && (c.key ?? c.dataIndex) === props.cardTitle),
  );
  const head = shown[headAt];
  const rest = shown.filter((_, i) => i !== headAt);
  const testId = props['data-testid'];
  const pager = pagination === false || pagination === undefined ? null : pagination;
  const pageSize = pager?.pageSize ?? 10;
  // A table without a server-side total pages its rows itself; a card list does the same.
  const local = pager !== null && pager.total === undefined;
  const current = local ? ownPage : (pager?.current ?? 1);
  const rows = local ? dataSource.slice((current - 1) * pageSize, current * pageSize) : dataSource;
  const busy = typeof loading === 'object' ? Boolean(loading.spinning) : Boolean(loading);
  return (
    <Spin spinning={busy}>
      <div className="card-list" data-testid={testId}>
        {rows.length === 0 ? (
          <div className="card-list-empty">
            {typeof locale?.emptyText === 'function'
              ? locale.emptyText()
              : (locale?.emptyText ?? <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />)}
          </div>
        ) : (
          rows.map((row, i) => (
            <div
              data-testid="card-list-item"
              // The row's own attributes (a test id, a click) go to its card.
              {...(onRow?.(row, i) as HTMLAttributes<HTMLDivElement> | undefined)}
              className="card-list-item"
              key={keyOf(rowKey, row, i)}
            >
              {head ? <div className="card-list-title">{cellOf(head, row, i)}</div> : null}
              <dl>
                {rest.map((column, c) => (
                  <div key={String(column.key ?? column.dataIndex ?? c)}>
                    <dt>{column.title as ReactNode}</dt>
                    <dd>{cellOf(column, row, i)}</dd>
                  </div>
                ))}
              </dl>
            </div>
          ))
        )}
      </div>
      {pager && (local ? dataSource.length : (pager.total ?? 0)) > pageSize ? (
        <Pagination
          size="small"
          simple
          style={{ marginTop: 12, textAlign: 'center' }}
          current={current}
          pageSize={pageSize}
          total={local ? dataSource.length : pager.total}
          onChange={(page, size) => {
            if (local) setOwnPage(page);
            else if (pager.onChange) pager.onChange(page, size);
            // A list that pages through the Table's own onChange (its state in the URL) hears it the same way.
            else
              onChange?.({ ...pager, current: page, pageSize: size }, {}, [], {
                action: 'paginate',
                currentDataSource: [...dataSource],
              });
          }}
        />
      ) : null}
    </Spin>
  );
}
