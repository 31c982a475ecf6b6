import { FORM_CSS, renderLayoutFragment } from '@jixiao/core/export/layout-html';
import type { OfficialLayout } from '@jixiao/core/export/official-layout';
import { useMemo } from 'react';

/**
 * The official printed form: the very markup and style sheet the HTML and PDF exports print (core's
 * renderLayoutFragment and FORM_CSS), so 正式版式, the portal, review and the files agree cell for cell
 * and look alike — a white A4 sheet with the form's labels, colons and column widths.
 */
export function OfficialLayoutView({ layout }: { layout: OfficialLayout }) {
  const markup = useMemo(() => ({ __html: renderLayoutFragment(layout) }), [layout]);
  return (
    <>
      {/* One copy in <head> however many forms a page shows (React hoists and dedupes by href). */}
      <style href="jx-form" precedence="default">
        {FORM_CSS}
      </style>
      <div
        className="official-layout"
        data-testid="official-layout"
        // Every text of the layout goes through escapeHtml in renderLayoutFragment.
        // biome-ignore lint/security/noDangerouslySetInnerHtml: escaped markup shared with the exports
        dangerouslySetInnerHTML={markup}
      />
    </>
  );
}
