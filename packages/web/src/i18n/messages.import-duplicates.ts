/** Words of the import page's duplicate dialog: a table of the same project and year is already stored. */
const zh = {
  'duplicates.title': '已有同一项目、同一年度的目标表',
  'duplicates.intro':
    '以下 {n} 张表的项目和年度在本单位已有目标表。请为每张表选择如何处理；不选择不会重复创建。',
  'duplicates.existing': '已有：{name}（{year} 年，{status}，第 {version} 版）',
  'duplicates.newVersion': '新版本',
  'duplicates.newVersionHint': '作为已有表的新版本保存，保留修改历史（草稿或已退回的表）',
  'duplicates.replaceDraft': '替换草稿',
  'duplicates.replaceDraftHint': '删除已有草稿，用导入的表代替',
  'duplicates.skip': '跳过',
  'duplicates.skipHint': '不导入这张表',
  'duplicates.createAnyway': '仍然新建',
  'duplicates.createAnywayHint': '另建一张，同一项目同一年度将有两张表',
  'duplicates.ok': '按所选导入',
  'duplicates.skippedAll': '已全部跳过，没有新建目标表',
  'duplicates.skipped': '跳过 {n} 张',
} as const;

export const importDuplicatesMessages = { zh };
