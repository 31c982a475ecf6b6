import type { MessageKey } from '../i18n/messages.ts';

/** Field paths of the table mapped to the editor's labels (narrative and budget keys are unique). */
const FIELD_KEYS: Record<string, MessageKey> = {
  year: 'field.year',
  kind: 'field.kind',
  unit: 'field.unit',
  supervisingDepartment: 'field.supervisingDepartment',
  name: 'field.name',
  code: 'field.code',
  category: 'field.category',
  startDate: 'field.startDate',
  endDate: 'field.endDate',
  governmentProcurement: 'field.governmentProcurement',
  performanceType: 'field.performanceType',
  overview: 'field.overview',
  basis: 'field.basis',
  necessity: 'field.necessity',
  safeguards: 'field.safeguards',
  plan: 'field.plan',
  goals: 'field.goals',
  total: 'field.total',
  currentYear: 'field.currentYear',
  priorYearBudget: 'field.priorYearBudget',
  priorYearExecuted: 'field.priorYearExecuted',
  initial: 'field.initial',
  adjusted: 'field.adjusted',
  executed: 'field.executed',
  target: 'field.target',
  direction: 'field.direction',
  level1: 'field.level1',
  level2: 'field.level2',
};

/** The editor's label key for a table field path, read from its last segment (`budget.total` → 项目总预算). */
export function fieldMessageKey(path: string): MessageKey | undefined {
  const last = path.split('.').pop() ?? path;
  return FIELD_KEYS[last];
}
