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

const en = {
  'copy.button': 'Copy to a new year',
  'copy.title': 'Copy to a new year’s target table',
  'copy.intro':
    'Starts a new draft from the saved version of “{name}” ({year}): project details, narratives and indicators with their targets are kept, this year’s budget becomes last year’s budget, and the executed amount of an entered self-evaluation becomes last year’s execution.',
  'copy.year': 'New year',
  'copy.ok': 'Copy and open',
  'copy.done': 'Draft for {year} created',
  'copy.unsaved': 'Unsaved changes in the editor are not carried into the new table.',
  'auditAction.table.copy': 'Copied to a new year',
} satisfies Record<keyof typeof zh, string>;

export const tableCopyMessages = { zh, en };
