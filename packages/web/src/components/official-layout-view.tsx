import type { LayoutCell, OfficialLayout } from '@jixiao/core/export/official-layout';

function HeaderCells({ row }: { row: LayoutCell[] }) {
  return (
    <>
      {row.map((cell, i) => (
        <td
          // Cells of a layout row have no identity beyond their position.
          // biome-ignore lint/suspicious/noArrayIndexKey: fixed positions in a printed form
          key={i}
          colSpan={cell.colSpan}
          className={cell.kind === 'label' ? 'label' : cell.amount !== undefined ? 'money-cell' : undefined}
          data-field={cell.field}
        >
          {cell.text}
        </td>
      ))}
    </>
  );
}

/**
 * The official printed form drawn from core's layout model: the same model the PDF/Excel exports
 * render, so the screen and the files agree cell for cell.
 */
export function OfficialLayoutView({ layout }: { layout: OfficialLayout }) {
  const gridColumns = layout.grid.columns;
  return (
    // The form's own language (it can differ from the UI's) lets the browser hyphenate English labels.
    <article
      className="official-form"
      data-testid="official-layout"
      lang={layout.locale === 'zh' ? 'zh-CN' : 'en'}
    >
      <h1 className="official-title">{layout.title}</h1>
      <p className="official-year">{layout.yearLine}</p>
      {layout.notes.map((note) => (
        <p key={note} className="official-note">
          {note}
        </p>
      ))}
      <table className="official">
        <colgroup>
          <col style={{ width: '18%' }} />
          <col style={{ width: '32%' }} />
          <col style={{ width: '18%' }} />
          <col style={{ width: '32%' }} />
        </colgroup>
        <tbody>
          {layout.header.map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: fixed positions in a printed form
            <tr key={`h${i}`}>
              <HeaderCells row={row} />
            </tr>
          ))}
          {layout.narratives.map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: fixed positions in a printed form
            <tr key={`n${i}`}>
              <HeaderCells row={row} />
            </tr>
          ))}
          <tr className="caption-row">
            <td colSpan={4}>{layout.money.caption}</td>
          </tr>
          {layout.money.rows.map((row, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: fixed positions in a printed form
            <tr key={`m${i}`}>
              <HeaderCells row={row} />
            </tr>
          ))}
        </tbody>
      </table>
      <table className="official official-grid" data-testid="official-grid">
        <colgroup>
          {gridColumns.map((column) => (
            <col key={column.key} style={{ width: `${column.width}%` }} />
          ))}
        </colgroup>
        <thead>
          <tr className="caption-row">
            <td colSpan={gridColumns.length}>{layout.grid.caption}</td>
          </tr>
          <tr>
            {gridColumns.map((column) => (
              <th key={column.key}>{column.label}</th>
            ))}
          </tr>
        </thead>
        <tbody>
          {layout.grid.rows.map((row) => (
            <tr key={row.indicatorIndex}>
              {row.cells.map((cell) => (
                <td
                  key={cell.field}
                  rowSpan={cell.rowSpan > 1 ? cell.rowSpan : undefined}
                  data-field={cell.field}
                  className={cell.column === 'level1' || cell.column === 'level2' ? 'level-cell' : undefined}
                >
                  {cell.text}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </article>
  );
}
