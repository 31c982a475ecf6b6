/** What the registry says of one error code: its HTTP status and a short title in Chinese and English. */
export interface ErrorCodeEntry {
  readonly status: number;
  /** A title for the code; the error itself carries the message for its case. */
  readonly zh: string;
  readonly en: string;
}

/**
 * Every error code Jixiao raises, with its HTTP status and title. The UIs and the CLI switch on these codes,
 * never on message text; the server maps a code to its status here and nowhere else. Adding a code here is
 * what makes it usable in `new AppError(…)`.
 */
// biome-ignore format: one line a code, so that the registry reads as the table it is
export const errorCodes = {
  'auth.csrf': { status: 403, zh: '安全校验失败（CSRF）', en: 'Security check failed (CSRF)' },
  'auth.forbidden': { status: 403, zh: '无权执行此操作', en: 'Not allowed' },
  'auth.invalid_credentials': { status: 401, zh: '用户名或密码错误', en: 'Wrong username or password' },
  'auth.password_change_required': { status: 403, zh: '须先修改初始密码', en: 'A new password is required first' },
  'auth.rate_limited': { status: 429, zh: '请求过于频繁', en: 'Too many requests' },
  // Too many failed sign-ins for this name, address or both: wait (Retry-After), the same for every name.
  'auth.throttled': { status: 429, zh: '登录失败次数过多，请稍后再试', en: 'Too many failed sign-ins: wait before trying again' },
  'auth.unauthenticated': { status: 401, zh: '请先登录', en: 'Sign in first' },
  // Drafting of the year closed or its submission deadline over: the table is fine, the calendar says no.
  'budget_year.closed': { status: 409, zh: '该年度的编报已关闭或已过截止日期', en: 'The year’s drafting is closed or past its deadline' },
  // The year’s self-evaluation closed or past its deadline (saving it; reviewers' adjustments go on).
  'budget_year.self_evaluation_closed': { status: 409, zh: '该年度的绩效自评已关闭或已过截止日期', en: 'The year’s self-evaluation is closed or past its deadline' },
  'cli.input_not_found': { status: 400, zh: '找不到输入文件', en: 'Input file not found' },
  'cli.input_too_large': { status: 400, zh: '输入文件过大', en: 'Input file too large' },
  'demo.forbidden': { status: 403, zh: '演示用户无权执行此操作', en: 'The demo user may not do this' },
  'evaluation.not_approved': { status: 409, zh: '只有已批复或已公开的目标表才能填报监控和自评', en: 'Only approved or published tables are monitored and self-evaluated' },
  // 事前绩效评估: the rule set's ex-ante rules report an error (none made, or 不予支持), so the table may not
  // be submitted; an assessment of a document that is no target table.
  'ex_ante.blocked': { status: 409, zh: '事前绩效评估未通过规则集的要求，不能提交', en: 'The ex-ante assessment does not meet the rule set, so the table cannot be submitted' },
  // The printed 事前绩效评估表 of a table whose assessment has not been saved.
  'ex_ante.not_found': { status: 404, zh: '该表尚未填写事前绩效评估', en: 'No ex-ante assessment saved yet' },
  'ex_ante.not_applicable': { status: 422, zh: '只有绩效目标表需要事前绩效评估', en: 'Only target tables take an ex-ante assessment' },
  // The user’s previous batch export is still printing (one per user).
  'export.batch_running': { status: 429, zh: '批量导出仍在进行', en: 'A batch export is still running' },
  'export.chromium_missing': { status: 503, zh: '服务器未安装生成 PDF 所需的浏览器', en: 'The browser that prints PDFs is not installed on the server' },
  'import.already_confirmed': { status: 409, zh: '此导入已确认过', en: 'This import was already confirmed' },
  'import.binary': { status: 422, zh: '文件无法读取（二进制或已损坏）', en: 'The file cannot be read (binary or damaged)' },
  'import.busy': { status: 503, zh: '正在读取的上传文件过多', en: 'Too many uploads are being read' },
  'import.doc_unreadable': { status: 422, zh: '无法读取该 Word（.doc）文件', en: 'The Word (.doc) file cannot be read' },
  'import.docx_corrupt': { status: 422, zh: '无法读取该 Word（.docx）文件', en: 'The Word (.docx) file cannot be read' },
  'import.docx_no_document': { status: 422, zh: '该 .docx 文件没有正文', en: 'The .docx file has no document body' },
  'import.docx_too_large': { status: 422, zh: '该 Word 文件过大', en: 'The Word file is too large' },
  'import.empty': { status: 422, zh: '文件为空', en: 'The file is empty' },
  'import.invalid_json': { status: 422, zh: 'JSON 格式有误', en: 'The JSON is malformed' },
  'import.invalid_table': { status: 422, zh: '读出的表格不符合要求', en: 'A table read from the file is invalid' },
  'import.legacy_office': { status: 422, zh: '无法识别该 Office 复合文档', en: 'Unrecognised Office compound file' },
  'import.monitoring_ambiguous': { status: 409, zh: '监控表对应多张目标表，请选择', en: 'The monitoring form matches several tables: choose one' },
  'import.monitoring_month_missing': { status: 400, zh: '请选择监控月份', en: 'Choose the monitoring month' },
  // A monitoring form whose table is not found (or not one): the user chooses among `candidates`.
  'import.monitoring_no_table': { status: 409, zh: '找不到监控表对应的目标表，请选择', en: 'No table found for the monitoring form: choose one' },
  'import.monitoring_one_form': { status: 400, zh: '一次只能导入一张监控表', en: 'Import one monitoring form at a time' },
  'import.no_file': { status: 400, zh: '请上传一个文件', en: 'Upload one file' },
  'import.no_table': { status: 422, zh: '未读出任何表格', en: 'No table was read' },
  'import.not_found': { status: 404, zh: '找不到该导入', en: 'Import not found' },
  'import.office_encrypted': { status: 422, zh: '该 Office 文档已加密', en: 'The Office document is password-protected' },
  'import.pdf_corrupt': { status: 422, zh: '无法读取该 PDF 文件', en: 'The PDF file cannot be read' },
  'import.pdf_encrypted': { status: 422, zh: '该 PDF 已加密', en: 'The PDF is password-protected' },
  'import.pdf_no_text': { status: 422, zh: '该 PDF 没有可读取的文字', en: 'The PDF has no text to read' },
  'import.pdf_too_long': { status: 422, zh: '该 PDF 页数过多', en: 'The PDF has too many pages' },
  'import.reader_unavailable': { status: 422, zh: '暂时无法读取此类文件', en: 'This kind of file cannot be read at the moment' },
  'import.schema': { status: 422, zh: 'JSON 内容不符合绩效目标表格式', en: 'The JSON does not follow the table schema' },
  'import.self_evaluation_ambiguous': { status: 409, zh: '自评表对应多张目标表，请选择', en: 'The self-evaluation form matches several tables: choose one' },
  // A filled 自评表 whose table is not found (or not one): choose among `candidates`, or `ownTable`.
  'import.self_evaluation_no_table': { status: 409, zh: '找不到自评表对应的目标表，请选择', en: 'No table found for the self-evaluation form: choose one' },
  'import.self_evaluation_one_form': { status: 400, zh: '一次只能导入一张自评表', en: 'Import one self-evaluation form at a time' },
  'import.self_evaluation_skipped': { status: 409, zh: '自评表的目标表未导入，自评未保存', en: 'The form’s table was skipped, so no self-evaluation was saved' },
  'import.too_large': { status: 413, zh: '文件过大', en: 'The file is too large' },
  // The parse pool stopped a file past its wall time.
  'import.too_slow': { status: 422, zh: '文件读取超时', en: 'Reading the file took too long' },
  'import.unknown_form': { status: 422, zh: '无法识别文件中的表格', en: 'No known form was recognised in the file' },
  'import.xls_unreadable': { status: 422, zh: '无法读取该 Excel（.xls）文件', en: 'The Excel (.xls) file cannot be read' },
  'import.xlsx_too_large': { status: 422, zh: '该 Excel 文件过大', en: 'The Excel file is too large' },
  'import.xlsx_unreadable': { status: 422, zh: '无法读取该 Excel（.xlsx）文件', en: 'The Excel (.xlsx) file cannot be read' },
  'import.xlsx_unsupported': { status: 422, zh: '不支持该 Excel 文件', en: 'This Excel file is not supported' },
  'import.zip_too_large': { status: 422, zh: '压缩包过大', en: 'The zip file is too large' },
  'import.zip_unreadable': { status: 422, zh: '无法读取该压缩包', en: 'The zip file cannot be read' },
  'layout_template.not_found': { status: 404, zh: '找不到该表样', en: 'Layout template not found' },
  'library.duplicate': { status: 409, zh: '指标库中已有该指标', en: 'The library already holds this indicator' },
  'library.not_found': { status: 404, zh: '找不到该指标库条目', en: 'Library entry not found' },
  'login_throttle.not_found': { status: 404, zh: '没有该登录限制', en: 'No such sign-in throttle' },
  'mapping.no_rows': { status: 400, zh: '按此映射没有读到任何指标行', en: 'This mapping reads no indicator row' },
  'mapping.region_outside': { status: 400, zh: '所选区域超出了文件范围', en: 'The chosen region lies outside the file' },
  'monitoring.indicator_not_found': { status: 400, zh: '监控报告中的指标不在目标表中', en: 'A reported indicator is not in the table' },
  'monitoring.not_found': { status: 404, zh: '尚未填报运行监控', en: 'No monitoring report entered yet' },
  'organisation.duplicate': { status: 409, zh: '已有同名单位', en: 'An organisation of that name exists' },
  'organisation.invalid_parent': { status: 400, zh: '上级单位无效', en: 'Invalid parent organisation' },
  'organisation.not_found': { status: 404, zh: '找不到该单位', en: 'Organisation not found' },
  'recheck.no_claim': { status: 409, zh: '该行没有单位自评得分', en: 'The row carries no claimed score' },
  'recheck.not_scored': { status: 409, zh: '该行不计分', en: 'The row is not scored' },
  // 整改: opening tasks of a table not self-evaluated; answering a closed task, closing one not answered.
  'rectification.no_self_evaluation': { status: 409, zh: '该表尚未填报绩效自评，无法发起整改', en: 'The table has no self-evaluation to open tasks from' },
  // 整改 from monitoring asked of a table with no monitoring report (at that month).
  'rectification.no_monitoring': { status: 409, zh: '该表尚未填报运行监控，无法据此发起整改', en: 'The table has no monitoring report to open tasks from' },
  'rectification.not_found': { status: 404, zh: '没有这个整改任务', en: 'No such rectification task' },
  // Evidence files on an answer: none sent, a kind other than PDF/image/Office (read from the bytes), past the
  // size limit, past the number a task takes, or a file that is not there.
  'rectification.no_file': { status: 400, zh: '请选择要上传的佐证文件', en: 'Choose an evidence file to upload' },
  'rectification.evidence_type': { status: 415, zh: '佐证文件只能是 PDF、图片或 Office 文档', en: 'Evidence files are PDF, images or Office documents' },
  'rectification.evidence_too_large': { status: 413, zh: '佐证文件过大', en: 'The evidence file is too large' },
  'rectification.evidence_too_many': { status: 409, zh: '该整改任务的佐证文件已达上限', en: 'The task has as many evidence files as it takes' },
  'rectification.evidence_not_found': { status: 404, zh: '没有这个整改佐证文件', en: 'No such evidence file' },
  'rectification.wrong_status': { status: 409, zh: '整改任务的状态不允许此操作', en: 'The task’s status does not allow this' },
  'request.bad_json': { status: 400, zh: '请求体不是有效的 JSON', en: 'The body is not valid JSON' },
  'request.bad_multipart': { status: 400, zh: '上传的数据不完整或格式有误', en: 'The upload is incomplete or malformed' },
  'request.invalid': { status: 400, zh: '请求不符合要求', en: 'Invalid request' },
  'request.invalid_characters': { status: 400, zh: '内容含有数据库无法保存的字符', en: 'The content has characters the database cannot store' },
  'request.out_of_range': { status: 400, zh: '请求中的值超出了可保存的范围', en: 'A value in the request is out of range' },
  'request.too_large': { status: 413, zh: '请求内容过大', en: 'The request is too large' },
  'request.unsupported_media_type': { status: 415, zh: '不支持的内容类型', en: 'Unsupported content type' },
  'review.bad_anchor': { status: 400, zh: '意见所指的位置无效', en: 'The comment’s anchor is invalid' },
  'review.comment_required': { status: 400, zh: '退回时请至少写一条意见', en: 'Returning needs at least one comment' },
  'review.decision_mismatch': { status: 400, zh: '审核结论与意见不一致', en: 'The decision does not match the comments' },
  'review.grade_blocks': { status: 400, zh: '存在阻止通过的意见', en: 'A comment’s grade blocks approval' },
  'review.not_pending': { status: 409, zh: '此表当前不在审核环节', en: 'The table is not waiting for a review' },
  'review.rule_duplicate': { status: 400, zh: '规则重复', en: 'Duplicate rule' },
  'review.rule_set_invalid': { status: 400, zh: '审核规则集无效', en: 'Invalid rule set' },
  'review.rule_set_not_found': { status: 404, zh: '找不到该审核规则集', en: 'Rule set not found' },
  'review.rule_set_version_conflict': { status: 400, zh: '审核规则集已有更新的版本', en: 'The rule set has a newer version' },
  'review.rule_unknown': { status: 400, zh: '未知的审核规则', en: 'Unknown rule' },
  'route.not_found': { status: 404, zh: '找不到该接口', en: 'No such endpoint' },
  'scoring.adjustment_out_of_range': { status: 400, zh: '调整后的得分超出范围', en: 'The adjusted score is out of range' },
  'scoring.adjustment_unknown_indicator': { status: 400, zh: '调整的指标不在表中', en: 'The adjusted indicator is not in the table' },
  'scoring.category_weights_total': { status: 400, zh: '各类指标权重之和不是 100', en: 'The category weights do not total 100' },
  'scoring.grade_out_of_band': { status: 400, zh: '等级与得分不符', en: 'The grade does not match the score' },
  'scoring.indicator_not_found': { status: 400, zh: '找不到该指标', en: 'Indicator not found' },
  'scoring.scheme_not_found': { status: 400, zh: '找不到该评分办法', en: 'Scoring scheme not found' },
  'self_evaluation.not_found': { status: 404, zh: '该表尚未填报绩效自评', en: 'No self-evaluation entered yet' },
  'server.internal': { status: 500, zh: '服务器内部错误', en: 'Internal server error' },
  // A table of the same unit, project and year exists: the caller chooses per table (`duplicates`).
  'table.duplicate': { status: 409, zh: '已有同一单位、项目和年度的目标表', en: 'A table of the same unit, project and year exists' },
  'table.duplicate_not_editable': { status: 409, zh: '重复的目标表已不可编辑', en: 'The duplicate table can no longer be edited' },
  'table.frozen': { status: 409, zh: '目标表已冻结', en: 'The table is frozen' },
  'table.in_review': { status: 409, zh: '目标表正在审核中', en: 'The table is in review' },
  'table.not_editable': { status: 409, zh: '目标表当前不可编辑', en: 'The table cannot be edited now' },
  'table.not_found': { status: 404, zh: '找不到该目标表', en: 'Table not found' },
  // Taken off the portal by an administrator: gone on purpose; the message is the notice (date, reason).
  'table.unpublished': { status: 410, zh: '此表已撤销公开', en: 'The table was unpublished' },
  'table.version_conflict': { status: 409, zh: '目标表已被他人修改', en: 'The table was changed by someone else' },
  'table.version_not_found': { status: 404, zh: '找不到该版本', en: 'Version not found' },
  'table.year_conflict': { status: 409, zh: '年度与已保存的表不一致', en: 'The year differs from the stored table' },
  'user.current_password_wrong': { status: 400, zh: '当前密码不正确', en: 'The current password is wrong' },
  'user.duplicate': { status: 409, zh: '用户名已存在', en: 'The username is taken' },
  'user.not_found': { status: 404, zh: '找不到该用户', en: 'User not found' },
  'user.password_common': { status: 400, zh: '密码过于常见', en: 'The password is too common' },
  'user.password_contains_username': { status: 400, zh: '密码不能包含用户名', en: 'The password must not contain the username' },
  'user.password_unchanged': { status: 400, zh: '新密码不能与当前密码相同', en: 'The new password must differ from the current one' },
  'user.self_lockout': { status: 409, zh: '不能停用自己或移除自己的管理员角色', en: 'You cannot lock yourself out' },
  'workflow.comment_required': { status: 400, zh: '退回时请写明意见', en: 'Returning needs a comment' },
  'workflow.forbidden': { status: 403, zh: '无权执行此流程操作', en: 'Not allowed in the workflow' },
  'workflow.illegal_transition': { status: 409, zh: '当前状态下不能执行此操作', en: 'Not possible in the table’s current state' },
  'workflow.approval_reason_required': { status: 400, zh: '自动审核仍有错误，批复须说明理由', en: 'Approving over errors of the automatic review needs a reason' },
  'workflow.reason_required': { status: 400, zh: '调整已批复的目标表须说明理由', en: 'Adjusting an approved table needs a reason' },
} as const satisfies Record<string, ErrorCodeEntry>;

/** A stable error code (`table.not_found`): the registry’s keys. */
export type ErrorCode = keyof typeof errorCodes;

/** Whether `code` is a registered error code (codes that crossed a process or network boundary). */
export function isErrorCode(code: string): code is ErrorCode {
  return Object.hasOwn(errorCodes, code);
}

/** The HTTP status of an error code. */
export function statusOf(code: ErrorCode): number {
  return errorCodes[code].status;
}
