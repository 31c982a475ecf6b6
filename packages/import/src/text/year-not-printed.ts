import type { Warning } from '@jixiao/core/tables/table.schema';

/**
 * A form that prints no year (a 项目库 sheet, a page cut before its title) is still read: the rows are
 * what the clerk came for. The year is filled in as this calendar year and the preview asks to check it,
 * rather than refusing the whole document over a field the clerk can set in a second.
 */
export function fillInYear(now: Date = new Date()): { year: number; warning: Warning } {
  const year = now.getFullYear();
  return {
    year,
    warning: {
      code: 'import.no_year',
      zh: `文档中未找到年度，已暂填 ${year} 年：请核对`,
      en: `No year is printed in the document; ${year} was filled in: please check`,
      path: 'year',
    },
  };
}
