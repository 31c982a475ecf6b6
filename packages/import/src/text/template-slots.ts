import type { Indicator, Warning } from '@jixiao/core/tables/table.schema';
import { columnRole, key, levelLabel } from './vocabulary.ts';

// What a blank form prints where a unit writes: ellipses, dots, asterisks (`…`, `……`, `***`).
const BLANK = /^[\s.。…·*＊_＿-]*$/;
// Words of the template standing where a name goes (`具体指标`, `指标1`, `三级指标`).
const SLOT_NAME = /^(具体指标|指标\d*|指标名称|[一二三]级指标|年度绩效指标|长期绩效指标|绩效指标)$/;

const isCaption = (text: string, level1: string | null) =>
  columnRole(text) !== null || levelLabel(text, level1) !== null || SLOT_NAME.test(key(text));

/**
 * A row of a blank or half-filled template, not an indicator: a caption or template word in the name's
 * place with nothing (or another caption) in the target's, and no result of its own — `具体指标 | ……`,
 * `年度绩效指标 | 一级指标`, a level-2 label kept as a name with no target and no actual (`生态效益指标 | | 0`).
 */
export function isUnfilledSlot(row: Indicator): boolean {
  if ((row.actual ?? '').trim() !== '' || row.score) return false;
  // The value first: printed targets repeat from table to table (the vocabulary's memo has them), while
  // names are mostly new, so a filled row is let go without reading its name against the captions.
  const raw = (row.target.raw ?? '').trim();
  if (!BLANK.test(raw) && !isCaption(raw, row.level1)) return false;
  return isCaption(row.name, row.level1);
}

/**
 * Leaves unfilled template slots out of the table's rows, in place: its warnings re-pointed at the rows that
 * stay (a warning about a dropped slot goes with it), and one warning saying how many slots were left out.
 */
export function dropUnfilledSlots(table: { indicators: Indicator[]; warnings: Warning[] }): void {
  const keep: number[] = [];
  table.indicators.forEach((row, n) => {
    if (!isUnfilledSlot(row)) keep.push(n);
  });
  const dropped = table.indicators.length - keep.length;
  if (dropped === 0) return;
  const moved = new Map(keep.map((old, now) => [old, now]));
  const warnings: Warning[] = [];
  for (const w of table.warnings) {
    const m = /^indicators\.(\d+)(.*)$/.exec(w.path ?? '');
    if (!m) {
      warnings.push(w);
      continue;
    }
    const now = moved.get(Number(m[1]));
    if (now !== undefined) warnings.push({ ...w, path: `indicators.${now}${m[2]}` });
  }
  warnings.push({
    code: 'import.template_slots',
    zh: `表中有 ${dropped} 行未填写的模板栏（如“具体指标”“……”），未作为指标导入`,
    en: `${dropped} unfilled template slot${dropped === 1 ? '' : 's'} (such as 具体指标, ……) were not imported as indicators`,
    path: 'indicators',
  });
  table.indicators = keep.map((n) => table.indicators[n] as Indicator);
  table.warnings = warnings;
}
