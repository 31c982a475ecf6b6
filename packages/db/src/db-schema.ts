import type { AccountsDb } from './accounts.db-types.ts';
import type { AnalyticsDb } from './analytics.db-types.ts';
import type { AuditDb } from './audit.db-types.ts';
import type { BudgetYearsDb } from './budget-years.db-types.ts';
import type { EvaluationDb } from './evaluation.db-types.ts';
import type { IndicatorLibraryDb } from './indicator-library.db-types.ts';
import type { LayoutTemplatesDb } from './layout-templates.db-types.ts';
import type { LoginThrottlesDb } from './login-throttles.db-types.ts';
import type { PublishedTablesDb } from './published-tables.db-types.ts';
import type { RuleSetsDb } from './rule-sets.db-types.ts';
import type { TablesDb } from './tables.db-types.ts';
import type { WorkflowDb } from './workflow.db-types.ts';

/**
 * Every table Kysely knows about. Each feature keeps its row types in `<feature>.db-types.ts` and adds
 * one import above and one name to this list (one-line edits, so teams do not collide).
 */
export interface DB
  extends AuditDb,
    AccountsDb,
    TablesDb,
    WorkflowDb,
    EvaluationDb,
    RuleSetsDb,
    BudgetYearsDb,
    IndicatorLibraryDb,
    LayoutTemplatesDb,
    AnalyticsDb,
    PublishedTablesDb,
    LoginThrottlesDb {}
