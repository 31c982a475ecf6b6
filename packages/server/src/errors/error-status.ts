/**
 * The one place where AppError codes become HTTP statuses. Exact codes first, then rules by the code's
 * last segment, then by its feature prefix. Teams add their codes here (one line each).
 */
const statusByCode: Record<string, number> = {
  'table.not_found': 404,
  'table.version_conflict': 409,
  'table.year_conflict': 409,
  'table.not_editable': 409,
  // A table of the same unit, project and year exists: the caller chooses per table (`duplicates`).
  'table.duplicate': 409,
  'table.duplicate_not_editable': 409,
  'import.no_file': 400,
  'table.frozen': 409,
  'table.in_review': 409,
  'workflow.illegal_transition': 409,
  'review.not_pending': 409,
  'import.not_found': 404,
  'import.already_confirmed': 409,
  'import.too_large': 413,
  // The parse pool stopped a file past its wall time; too many uploads waiting for a worker.
  'import.too_slow': 422,
  'import.busy': 503,
  // A monitoring form whose table is not found (or not one): the user chooses among `candidates`.
  'import.monitoring_no_table': 409,
  'import.monitoring_ambiguous': 409,
  'import.monitoring_month_missing': 400,
  'import.monitoring_one_form': 400,
  // A filled 自评表 whose table is not found (or not one): choose among `candidates`, or `ownTable`.
  'import.self_evaluation_no_table': 409,
  'import.self_evaluation_ambiguous': 409,
  'import.self_evaluation_one_form': 400,
  'import.self_evaluation_skipped': 409,
  'recheck.no_claim': 409,
  'recheck.not_scored': 409,
  'table.version_not_found': 404,
  'export.chromium_missing': 503,
  // The user's previous batch export is still printing (one per user).
  'export.batch_running': 429,
  'request.invalid': 400,
  'request.bad_json': 400,
  'request.too_large': 413,
  'request.unsupported_media_type': 415,
  'route.not_found': 404,
  'auth.unauthenticated': 401,
  'auth.forbidden': 403,
  'auth.csrf': 403,
  'auth.rate_limited': 429,
  'auth.invalid_credentials': 401,
  // Too many failed sign-ins for this name, address or both: wait (Retry-After), the same for every name.
  'auth.throttled': 429,
  'auth.password_change_required': 403,
  'user.password_common': 400,
  'user.password_contains_username': 400,
  'user.current_password_wrong': 400,
  'user.duplicate': 409,
  'user.self_lockout': 409,
  'organisation.duplicate': 409,
  'library.duplicate': 409,
  'evaluation.not_approved': 409,
  // Drafting of the year closed or its submission deadline over: the table is fine, the calendar says no.
  'budget_year.closed': 409,
  // The year's self-evaluation closed or past its deadline (saving it; reviewers' adjustments go on).
  'budget_year.self_evaluation_closed': 409,
  'review.rule_set_not_found': 404,
  'server.internal': 500,
};

const statusBySuffix: Record<string, number> = {
  not_found: 404,
  version_conflict: 409,
  conflict: 409,
  forbidden: 403,
  unauthenticated: 401,
  invalid: 400,
  too_large: 413,
};

const statusByPrefix: Record<string, number> = {
  // An uploaded document we could not read is well-formed HTTP with unprocessable content.
  import: 422,
  auth: 403,
};

/** HTTP status for an AppError code (400 when nothing more specific is known). */
export function statusForCode(code: string): number {
  const exact = statusByCode[code];
  if (exact !== undefined) return exact;
  const suffix = code.slice(code.lastIndexOf('.') + 1);
  const bySuffix = statusBySuffix[suffix];
  if (bySuffix !== undefined) return bySuffix;
  const prefix = code.slice(0, code.indexOf('.'));
  return statusByPrefix[prefix] ?? 400;
}
