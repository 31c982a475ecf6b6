import { escapeHtml, FORM_CSS, renderLayoutFragment } from '@jixiao/core/export/layout-html';
import type { OfficialLayout } from '@jixiao/core/export/official-layout';

export interface RenderHtmlOptions {
  /** The document <title>; defaults to the form title and, for one table, the project name. */
  documentTitle?: string;
}

/**
 * The standalone document's style sheet: the form's own (FORM_CSS, which the app loads too) and a grey
 * desk around the white sheet on screen.
 */
export const LAYOUT_CSS = `
html, body { margin: 0; padding: 0; }
@media screen {
  html { background: #e5e7eb; }
  body { padding: 24px 0; }
}
${FORM_CSS}`;

function projectName(layout: OfficialLayout): string | undefined {
  return layout.header.flat().find((c) => c.field === 'name')?.text || undefined;
}

/**
 * Renders one or more official layouts as a complete standalone HTML document (A4 print CSS, CJK
 * fonts); several layouts print one per page, in order.
 */
export function renderLayoutHtml(
  layouts: OfficialLayout | readonly OfficialLayout[],
  options: RenderHtmlOptions = {},
): string {
  const list: readonly OfficialLayout[] = Array.isArray(layouts) ? layouts : [layouts as OfficialLayout];
  const first = list[0];
  const name = list.length === 1 && first ? projectName(first) : undefined;
  const title = options.documentTitle ?? [first?.title, name].filter(Boolean).join(' · ');
  const lang = first?.locale === 'en' ? 'en' : 'zh-CN';
  return [
    '<!doctype html>',
    `<html lang="${lang}">`,
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(title)}</title>`,
    `<style>${LAYOUT_CSS}</style>`,
    '</head>',
    '<body>',
    ...list.map(renderLayoutFragment),
    '</body>',
    '</html>',
    '',
  ].join('\n');
}
