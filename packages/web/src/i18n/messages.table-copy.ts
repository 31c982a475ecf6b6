/** Words of 复制为新年度: starting next year's table from an existing one. */
const zh = {
  'copy.button': '复制为新年度',
  'copy.title': '复制为新年度目标表',
  'copy.intro':
    '以「{name}」（{year} 年度）已保存的版本为底稿，新建一张草稿：项目信息、文本和指标及目标值照搬，本年预算转为上年预算额，已填报自评的执行数转为上年执行数。',
  'copy.year': '新年度',
  'copy.ok': '复制并打开',
  'copy.done': '已新建 {year} 年度草稿',
  'copy.unsaved': '编辑器中尚未保存的修改不会带入新表。',
  'auditAction.table.copy': '复制为新年度',
} as const;

export const tableCopyMessages = { zh };
