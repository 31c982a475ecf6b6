import type { Warning } from '@jixiao/core/tables/table.schema';
import { useEffect, useMemo, useRef } from 'react';

interface SourceViewProps {
  text: string;
  warnings: Warning[];
  /** The line to scroll to and highlight (1-based), e.g. after a click on a warning. */
  focusLine: number | null;
  focusColumn?: number | null;
  /** The lines of the preview row in hand: tinted, and scrolled to when they change. */
  rowSpan?: { line: number; endLine: number } | null;
  /** The lines chosen as a table for column mapping. */
  region?: { line: number; endLine: number } | null;
  /** Choosing lines for column mapping: a click on a line. */
  onLineClick?: ((line: number) => void) | undefined;
}

/**
 * The decoded source text with line numbers; lines with importer warnings are tinted and the
 * warned column is marked, so a reader sees exactly where the importer hesitated.
 */
export function SourceView({
  text,
  warnings,
  focusLine,
  focusColumn,
  rowSpan = null,
  region = null,
  onLineClick,
}: SourceViewProps) {
  const lines = useMemo(() => text.split(/\r\n|\r|\n/), [text]);
  const warnedLines = useMemo(() => {
    const map = new Map<number, Warning[]>();
    for (const w of warnings) {
      if (!w.line) continue;
      map.set(w.line, [...(map.get(w.line) ?? []), w]);
    }
    return map;
  }, [warnings]);
  const container = useRef<HTMLDivElement>(null);

  useEffect(() => {
    if (!focusLine || !container.current) return;
    const target = container.current.querySelector<HTMLElement>(`[data-line="${focusLine}"]`);
    if (target) {
      container.current.scrollTop = target.offsetTop - container.current.clientHeight / 3;
    }
  }, [focusLine]);

  useEffect(() => {
    if (!rowSpan || !container.current) return;
    const target = container.current.querySelector<HTMLElement>(`[data-line="${rowSpan.line}"]`);
    if (target) container.current.scrollTop = target.offsetTop - container.current.clientHeight / 3;
  }, [rowSpan]);

  return (
    <div className="source-view" ref={container} data-testid="source-view">
      {lines.map((line, i) => {
        const n = i + 1;
        const lineWarnings = warnedLines.get(n);
        const focused = focusLine === n;
        const column = focused && focusColumn ? focusColumn : lineWarnings?.[0]?.column;
        const inRow = rowSpan !== null && n >= rowSpan.line && n <= rowSpan.endLine;
        const inRegion = region !== null && n >= region.line && n <= region.endLine;
        const className = `source-line${lineWarnings ? ' has-warning' : ''}${focused ? ' is-focused' : ''}${
          inRow ? ' in-row' : ''
        }${inRegion ? ' in-mapping' : ''}`;
        return (
          // Lines are positional: their number is their identity.
          // biome-ignore lint/a11y/useKeyWithClickEvents: the mapping's line fields are the keyboard way
          // biome-ignore lint/a11y/noStaticElementInteractions: a click is a shortcut only
          <div
            // biome-ignore lint/suspicious/noArrayIndexKey: positional
            key={i}
            className={className}
            data-line={n}
            title={lineWarnings?.map((w) => w.zh).join('\n')}
            onClick={onLineClick ? () => onLineClick(n) : undefined}
          >
            <span className="source-line-no">{n}</span>
            <span className="source-line-text">
              {lineWarnings && column && column <= line.length ? (
                <>
                  {line.slice(0, column - 1)}
                  <mark className="source-mark">{line.slice(column - 1, column) || ' '}</mark>
                  {line.slice(column)}
                </>
              ) : (
                line || '\u00a0'
              )}
            </span>
          </div>
        );
      })}
    </div>
  );
}
