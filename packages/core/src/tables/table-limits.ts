/**
 * The longest texts and the most rows a table may hold. Far beyond any real form (project names run to
 * some 60 characters, tables to some 60 indicators), and small enough that one save, review or export
 * cannot hold the server: a 50,000-character name broke the project index, 20,000 indicators took over a
 * minute to save. Zod's messages name the limit (`<=200`), in Chinese and English.
 */
export const tableLimits = {
  /** 申报单位, 主管部门, 项目名称: 200 CJK characters stay well inside PostgreSQL's index row limit. */
  name: 200,
  /** 项目编码, 项目类别, 绩效类型, dates, level labels, units of measure. */
  label: 100,
  /** 三级指标. */
  indicatorName: 500,
  /** A target or an actual value as printed. */
  value: 2_000,
  /** 指标解释, 偏差原因, monitoring causes and measures. */
  note: 5_000,
  /** Each narrative field (项目概况, 立项依据 …). */
  narrative: 20_000,
  indicators: 500,
  warnings: 2_000,
} as const;
