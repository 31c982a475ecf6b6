import type { Warning } from '@jixiao/core/tables/table.schema';
import { useEffect, useMemo, useRef } from 'react';

interface SourceViewProps {
  text: string;
  warnings: Warning[];
  /** The line to scroll to and highlight (1-based), e.g. after a click on a warning. */
  focusLine: number | null;
  focusColumn?: number | null;
}

/**
 * The decoded source text with line numbers; lines with importer warnings are tinted and the
 * warned column is marked, so a reader sees exactly where the importer hesitated.
 */
export function SourceView({ text, warnings, focusLine, focusColumn }: SourceViewProps) {
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

  return (
    <div className="source-view" ref={container} data-testid="source-view">
      {lines.map((line, i) => {
        const n = i + 1;
        const lineWarnings = warnedLines.get(n);
        const focused = focusLine === n;
        const column = focused && focusColumn ? focusColumn : lineWarnings?.[0]?.column;
        const className = `source-line${lineWarnings ? ' has-warning' : ''}${focused ? ' is-focused' : ''}`;
        return (
          // Lines are positional: their number is their identity.
          // biome-ignore lint/suspicious/noArrayIndexKey: positional
          <div key={i} className={className} data-line={n} title={lineWarnings?.map((w) => w.zh).join('\n')}>
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
