import { readFile } from 'node:fs/promises';
import type { SessionUser } from '@jixiao/core/accounts/account.schema';
import { rectificationProblems } from '@jixiao/core/rectification/rectification';
import type { SelfEvaluationScore } from '@jixiao/core/scoring/self-evaluation.schema';
import type { TableRecord } from '@jixiao/core/tables/table-record.schema';
import type { Database } from '@jixiao/db/database';
import {
  recordRectificationAnswer,
  recordRectificationClose,
  recordRectificationEvidence,
  recordRectificationOpen,
} from './use-cases/rectification.ts';

// 佐证材料 would be an empty feature on a first start: the published seed table missed one target
// (项目完成及时性, 88% of ≥95%), so finance opens its 整改 task, the unit answers with its measures and the
// rectification report as a PDF, and finance closes it. The task is closed, so it waits in no one's
// workbench; its file is on the table's self-evaluation page for every reader of the table.

/** The demo's evidence file as the unit uploaded it (names as stored, for tests). */
export const demoEvidenceFile = {
  name: '科创中心建设工作经费整改情况说明.pdf',
  /** Printed by scripts/demo-evidence-pdf.ts with the exporter's chromium printer. */
  url: new URL('./demo-files/rectification-report.pdf', import.meta.url),
} as const;

/** The indicator whose missed target the demo task is about. */
export const demoEvidenceIndicator = '项目完成及时性';

const ADDRESS = 'demo-data';
const as = (user: SessionUser) => ({ userId: user.id, address: ADDRESS });

/**
 * Opens the 整改 task of the published table's missed timeliness target, answers it with measures and the
 * rectification report, and closes it; through the same use cases, file check and audit rows as the API.
 */
export async function runDemoEvidence(
  db: Database,
  record: TableRecord,
  score: SelfEvaluationScore,
  users: { author: SessionUser; finance: SessionUser },
): Promise<void> {
  const problems = rectificationProblems(record.table, score).filter(
    (p) =>
      p.indicatorIndex !== null && record.table.indicators[p.indicatorIndex]?.name === demoEvidenceIndicator,
  );
  if (problems.length === 0) throw new Error(`${demoEvidenceIndicator} met its target: no 整改 task to show`);
  const [task] = await recordRectificationOpen(db, as(users.finance), record.id, problems, '2021-03-31');
  if (!task) throw new Error('the 整改 task was not opened');
  await recordRectificationAnswer(db, as(users.author), record.id, task.id, {
    measures:
      '设备采购提前至上年四季度启动并在合同中约定到货违约责任；建立课题进度月报制度；推迟的两项课题已于 2021 年 3 月完成验收。',
    evidence: '整改情况说明及课题验收材料',
  });
  const bytes = new Uint8Array(await readFile(demoEvidenceFile.url));
  await recordRectificationEvidence(db, as(users.author), record.id, task.id, {
    name: demoEvidenceFile.name,
    bytes,
  });
  await recordRectificationClose(
    db,
    as(users.finance),
    record.id,
    task.id,
    '整改措施已落实，课题已全部验收。',
  );
}
