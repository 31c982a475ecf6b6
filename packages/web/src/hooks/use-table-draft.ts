import type { Budget, Narrative, PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { TableRecord } from '@jixiao/core/tables/table-record.schema';
import { isEditable } from '@jixiao/core/workflow/workflow-machine';
import { useQuery } from '@tanstack/react-query';
import { App } from 'antd';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, api, toApiError } from '../api/api-client.ts';
import { queryKeys } from '../api/query-client.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { emptyTable, pickTouched, sameValue } from '../lib/table-draft.ts';
import { validateDates, validateTable } from '../lib/table-validation.ts';
import { useUnsavedGuard } from './use-unsaved-guard.ts';

/** A save refused because someone saved in between: the stored table now (null when it could not be read). */
/** A save refused for a newer version: that version, or why it could not be read (no overwrite then). */
export type DraftConflict = { latest: TableRecord | null; latestError?: ApiError };

/**
 * The table editor's state and what changes it: the stored table (`record`, `saved`) and the user's
 * `draft`, whether it is read-only or dirty, its errors as core's schema finds them while typing and as the
 * server answered, and saving (a new table, or a new version with an optional reason) with the version
 * conflict a save can meet. `id` undefined is a new table; `ownUnit` fills its empty 申报单位 once known.
 */
export function useTableDraft(id: string | undefined, ownUnit: string | null) {
  const isNew = id === undefined;
  const navigate = useNavigate();
  const { t, pick } = useI18n();
  const { message } = App.useApp();

  const [record, setRecord] = useState<TableRecord | null>(null);
  const [saved, setSaved] = useState<PerformanceTable | null>(isNew ? emptyTable() : null);
  const [draft, setDraft] = useState<PerformanceTable | null>(isNew ? emptyTable() : null);
  const [saving, setSaving] = useState(false);
  const [showErrors, setShowErrors] = useState(false);
  const [reason, setReason] = useState('');
  const [serverErrors, setServerErrors] = useState<Record<string, string>>({});
  const [conflict, setConflict] = useState<DraftConflict | null>(null);

  // The stored table through the shared query cache: a write anywhere (a workflow step, an import, another
  // tab's save) marks it stale and it loads again. A fresh answer replaces what is shown unless the user has
  // unsaved edits; those stay, and saving them meets the version conflict dialog.
  const tableQuery = useQuery({
    queryKey: queryKeys.table(id ?? ''),
    queryFn: () => api.getTable(id as string),
    enabled: !isNew && Boolean(id),
  });
  const dirtyRef = useRef(false);
  const shownIdRef = useRef<string | null>(null);
  const show = useCallback((loaded: TableRecord) => {
    shownIdRef.current = loaded.id;
    setRecord(loaded);
    setSaved(loaded.table);
    setDraft(loaded.table);
  }, []);
  useEffect(() => {
    const loaded = tableQuery.data;
    // Another table (a new one just created, a link followed) is always shown.
    if (loaded && (!dirtyRef.current || loaded.id !== shownIdRef.current)) show(loaded);
  }, [tableQuery.data, show]);
  const loadError = tableQuery.error instanceof ApiError ? tableQuery.error : null;
  /** Loads the stored table again and shows it, dropping unsaved edits (the conflict dialog's 重新加载). */
  const reload = useCallback(async () => {
    const { data } = await tableQuery.refetch();
    if (data) show(data);
  }, [tableQuery.refetch, show]);

  useEffect(() => {
    if (isNew) {
      shownIdRef.current = null;
      setRecord(null);
      setSaved(emptyTable());
      setDraft(emptyTable());
    }
  }, [isNew]);

  // A unit's author writes for their own unit: a new table starts with it.
  useEffect(() => {
    if (!isNew || !ownUnit) return;
    const withUnit = (t: PerformanceTable | null) => (t && t.unit === '' ? { ...t, unit: ownUnit } : t);
    setSaved(withUnit);
    setDraft(withUnit);
  }, [isNew, ownUnit]);

  // Approved and published tables are frozen and tables under review are the reviewers': the server refuses
  // saving them, so the page offers no typing at all (调整 in the workflow bar is the way back in).
  const readOnly = record !== null && !isEditable(record.status);
  const dirty = !readOnly && draft !== null && saved !== null && !sameValue(draft, saved);
  dirtyRef.current = dirty;
  const { blocker, release } = useUnsavedGuard(dirty);

  // THE schema of core, checked as the user types; the server checks the same on save.
  const errors = useMemo(() => {
    const out: Record<string, string> = { ...serverErrors };
    if (!draft) return out;
    for (const issue of [...validateTable(draft), ...validateDates(draft)]) {
      out[issue.path] ??= t(issue.key, issue.params);
    }
    return out;
  }, [draft, serverErrors, t]);
  const errorCount = Object.keys(errors).length;
  const visibleErrors = showErrors ? errors : pickTouched(errors, draft, saved);

  const update = (change: Partial<PerformanceTable>) => {
    if (readOnly) return;
    setDraft((d) => (d ? { ...d, ...change } : d));
    setServerErrors({});
  };
  const updateNarrative = (key: keyof Narrative, value: string) =>
    !readOnly &&
    setDraft((d) => (d ? { ...d, narrative: { ...d.narrative, [key]: value === '' ? null : value } } : d));
  const updateBudget = (key: keyof Budget, value: number | null) =>
    !readOnly && setDraft((d) => (d ? { ...d, budget: { ...d.budget, [key]: value } } : d));

  /** Saves the draft on `baseVersion` (the conflict dialog's 覆盖 passes the latest), else on the shown one. */
  const save = async (baseVersion?: number) => {
    if (!draft) return;
    if (errorCount > 0) {
      setShowErrors(true);
      message.error(t('editor.invalid', { n: errorCount }));
      return;
    }
    setSaving(true);
    try {
      if (isNew) {
        const created = await api.createTable(draft);
        message.success(t('editor.created'));
        setSaved(created.table);
        release();
        navigate(`/tables/${created.id}`, { replace: true });
        return;
      }
      if (!record) return;
      const updated = await api.updateTable(record.id, {
        version: baseVersion ?? record.version,
        table: draft,
        ...(reason.trim() ? { reason: reason.trim() } : {}),
      });
      setRecord(updated);
      setSaved(updated.table);
      setDraft(updated.table);
      setReason('');
      setConflict(null);
      message.success(t('editor.saved', { v: updated.version }));
    } catch (e) {
      if (e instanceof ApiError && e.problem.code === 'table.version_conflict' && record) {
        // Someone saved in between. Keep every edit on screen; let the user choose. (A frozen or
        // in-review table is also a 409, but a plain error: there is nothing to merge.)
        try {
          setConflict({ latest: await api.getTable(record.id) });
        } catch (failure) {
          setConflict({ latest: null, latestError: toApiError(failure) });
        }
      } else if (e instanceof ApiError) {
        const byPath: Record<string, string> = {};
        for (const issue of e.problem.issues ?? []) byPath[issue.path.replace(/^table\./, '')] = pick(issue);
        if (e.problem.path) byPath[e.problem.path.replace(/^table\./, '')] = pick(e.problem);
        setServerErrors(byPath);
        setShowErrors(true);
        message.error(pick(e.problem));
      } else {
        message.error(pick(toApiError(e).problem));
      }
    } finally {
      setSaving(false);
    }
  };

  return {
    isNew,
    record,
    draft,
    loadError,
    reload,
    readOnly,
    dirty,
    blocker,
    errors: visibleErrors,
    errorCount,
    showErrors,
    update,
    updateNarrative,
    updateBudget,
    reason,
    setReason,
    saving,
    save,
    conflict,
    dismissConflict: () => setConflict(null),
  };
}
