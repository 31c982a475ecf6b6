import {
  CheckCircleOutlined,
  InboxOutlined,
  MergeCellsOutlined,
  ReloadOutlined,
  SplitCellsOutlined,
  TableOutlined,
  WarningOutlined,
} from '@ant-design/icons';
import { readPrintedTotal } from '@jixiao/core/scoring/printed-total';
import type { UsedTemplate } from '@jixiao/core/tables/column-mapping.schema';
import type { PerformanceTable, PreviewTable, Warning } from '@jixiao/core/tables/table.schema';
import type {
  DuplicateChoice,
  DuplicateFound,
  ImportPreview,
  MonitoringMatch,
  ShownFormQuery,
  TableRecord,
} from '@jixiao/core/tables/table-record.schema';
import {
  Alert,
  App,
  Button,
  Card,
  Col,
  Empty,
  Input,
  InputNumber,
  List,
  Result,
  Row,
  Select,
  Space,
  Spin,
  Tabs,
  Tag,
  Tooltip,
  Upload,
} from 'antd';
import { useEffect, useMemo, useRef, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, api, toApiError, type UploadProgress } from '../api/api-client.ts';
import { layoutTemplatesApi } from '../api/layout-templates.api.ts';
import { type SelfEvaluationMatch, selfEvaluationImportApi } from '../api/recheck.api.ts';
import { ImportProgress } from '../components/import-progress.tsx';
import { IndicatorGrid } from '../components/indicator-grid.tsx';
import { useShowFailure } from '../components/load-error.tsx';
import { MoneyInput } from '../components/money-input.tsx';
import { PageHead } from '../components/page-head.tsx';
import { SourceView } from '../components/source-view.tsx';
import { useI18n } from '../i18n/i18n.tsx';
import { mergeWithNext, missingCells, splitRow } from '../lib/row-edits.ts';
import { validateTable } from '../lib/table-validation.ts';
import { BatchImport } from './import-batch.tsx';
import { ImportDuplicatesDialog } from './import-duplicates-dialog.tsx';
import { draftMapping, emptyDraft, type MappingDraft, MappingPanel, withRoles } from './import-mapping.tsx';
import { MonitoringFormPreview, MonitoringTarget } from './import-monitoring-form.tsx';
import { OWN_TABLE, SelfEvaluationTarget } from './import-self-evaluation-form.tsx';

const warningKey = (w: Warning) => `${w.code}|${w.line ?? ''}|${w.column ?? ''}|${w.path ?? ''}|${w.zh}`;

/** Upload a document → parsed tables beside the source with warnings in place → fix → confirm. */
export default function ImportPage() {
  const { t, pick } = useI18n();
  const { message } = App.useApp();
  const showFailure = useShowFailure();
  const navigate = useNavigate();
  const [parsing, setParsing] = useState(false);
  const [preview, setPreview] = useState<ImportPreview | null>(null);
  const [tables, setTables] = useState<PreviewTable[]>([]);
  const [uploadError, setUploadError] = useState<ApiError | null>(null);
  // The upload under way: bytes sent, then the server reading it; cancel aborts the request.
  const [sending, setSending] = useState<{
    fileName: string;
    startedAt: number;
    progress: UploadProgress | null;
  } | null>(null);
  const cancelUpload = useRef<AbortController | null>(null);
  const [focus, setFocus] = useState<{ line: number; column: number | null } | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [created, setCreated] = useState<TableRecord[] | null>(null);
  const [skipped, setSkipped] = useState(0);
  // A 409 table.duplicate: the tables whose project and year the unit has, for the user to decide.
  const [duplicates, setDuplicates] = useState<DuplicateFound[] | null>(null);
  const [activeTable, setActiveTable] = useState('0');
  // The preview row in hand: its source lines are tinted and scrolled to beside it.
  const [activeRow, setActiveRow] = useState<number | null>(null);
  // A monitoring form (绩效运行监控表) fills the monitoring record of a table: which one, at which month.
  const [match, setMatch] = useState<MonitoringMatch | null>(null);
  const [monitoringTableId, setMonitoringTableId] = useState<string | null>(null);
  const [monitoringMonth, setMonitoringMonth] = useState<number | null>(null);
  const isMonitoring = tables.some((table) => table.monitoring != null);
  // Column mapping: the lines of the table and a role per column, re-read on every change.
  const [mappingOpen, setMappingOpen] = useState(false);
  const [draft, setDraft] = useState<MappingDraft>(emptyDraft);
  const [picking, setPicking] = useState(false);
  const [mappedRows, setMappedRows] = useState<number | null>(null);
  const [mappedWarnings, setMappedWarnings] = useState<Warning[] | null>(null);
  const [reading, setReading] = useState(false);
  const [templateName, setTemplateName] = useState('');
  const [savingTemplate, setSavingTemplate] = useState(false);
  const mapping = useMemo(
    () => (preview ? draftMapping(withRoles(preview.sourceText, draft, preview.sourceCells)) : null),
    [preview, draft],
  );
  const mappingKey = mapping ? JSON.stringify(mapping) : null;
  // The mapping a kept preview was opened with: its rows came with it, nothing to read again.
  const openedMapping = useRef<string | null>(null);
  useEffect(() => {
    if (!preview || !mappingKey || mappingKey === openedMapping.current) return;
    openedMapping.current = null;
    let current = true;
    setReading(true);
    // Typing a line number or switching roles quickly sends one re-read, for the last change.
    const timer = setTimeout(() => {
      layoutTemplatesApi
        .map(preview.importId, JSON.parse(mappingKey))
        .then((result) => {
          if (!current) return;
          setTables(result.tables);
          setMappedRows(result.tables[0]?.indicators.length ?? 0);
          setMappedWarnings(result.warnings);
          setActiveTable('0');
          setActiveRow(null);
        })
        .catch((e: unknown) => {
          if (current) showFailure(e);
        })
        .finally(() => {
          if (current) setReading(false);
        });
    }, 300);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [preview, mappingKey, showFailure]);

  const pickLine = (line: number) => {
    if (draft.line === null || draft.endLine !== null) {
      setDraft({ ...draft, line, endLine: null, roles: [] });
      return;
    }
    setDraft({
      ...draft,
      line: Math.min(draft.line, line),
      endLine: Math.max(draft.line, line),
      roles: [],
    });
    setPicking(false);
  };

  const saveTemplate = async () => {
    if (!preview || !mapping) return;
    setSavingTemplate(true);
    try {
      const saved = await layoutTemplatesApi.create({
        name: templateName.trim(),
        importId: preview.importId,
        mapping: { ...mapping, ...(tables[0] && !tables[0].monitoring ? { kind: tables[0].kind } : {}) },
      });
      message.success(t('mapping.templateSaved', { name: saved.name }));
    } catch (e) {
      showFailure(e);
    } finally {
      setSavingTemplate(false);
    }
  };
  // A filled 自评表 fills the self-evaluation of its approved table, or comes with its own (a past year).
  const [selfMatch, setSelfMatch] = useState<SelfEvaluationMatch | null>(null);
  // A look-up that failed is not "no match": the target card says why, with a retry (matchTry).
  const [matchError, setMatchError] = useState<ApiError | null>(null);
  const [matchTry, setMatchTry] = useState(0);
  const [selfTableId, setSelfTableId] = useState<string | null>(null);
  const [selfSchemeId, setSelfSchemeId] = useState<string | null>(null);
  const isSelfEvaluation = !isMonitoring && tables.some((table) => table.kind === 'self-evaluation');

  // The approved table a monitoring form or a 自评表 goes to: found when the preview opens, and again when
  // the user changes the kind or the form's project, unit or year (the choices found go with them).
  const flow: ShownFormQuery['kind'] | null = isMonitoring
    ? 'monitoring'
    : isSelfEvaluation
      ? 'self-evaluation'
      : null;
  const flowForm = tables.find((table) =>
    flow === 'monitoring' ? table.monitoring != null : table.kind === 'self-evaluation',
  );
  const shownForm: ShownFormQuery | null =
    flow && flowForm ? { kind: flow, name: flowForm.name, unit: flowForm.unit, year: flowForm.year } : null;
  const shownKey = preview && shownForm ? JSON.stringify([preview.importId, shownForm]) : null;
  // A preview just opened is matched at once; edits of the same one wait for the typing to pause.
  const matchedImport = useRef<string | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: matchTry changes on a retry, to look up again
  useEffect(() => {
    setMatch(null);
    setMonitoringTableId(null);
    setSelfMatch(null);
    setSelfTableId(null);
    setSelfSchemeId(null);
    setMatchError(null);
    if (!shownKey) return;
    const [importId, shown] = JSON.parse(shownKey) as [string, ShownFormQuery];
    const delay = matchedImport.current === importId ? 300 : 0;
    matchedImport.current = importId;
    let current = true;
    // Typing a project name sends one look-up, for the last change.
    const timer = setTimeout(() => {
      if (shown.kind === 'monitoring') {
        api.monitoringMatch(importId, undefined, shown).then(
          (found) => {
            if (!current) return;
            setMatch(found);
            setMonitoringTableId(found.tableId);
          },
          (e: unknown) => {
            if (current) setMatchError(toApiError(e));
          },
        );
      } else {
        selfEvaluationImportApi.match(importId, shown).then(
          (found) => {
            if (!current) return;
            setSelfMatch(found);
            setSelfSchemeId(found.schemeId ?? null);
            setSelfTableId(found.tableId ?? (found.candidates.length === 0 ? OWN_TABLE : null));
          },
          (e: unknown) => {
            if (current) setMatchError(toApiError(e));
          },
        );
      }
    }, delay);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [shownKey, matchTry]);

  const warnings = useMemo(() => {
    if (!preview) return [];
    const seen = new Map<string, Warning>();
    for (const w of [...(mappedWarnings ?? preview.warnings), ...tables.flatMap((table) => table.warnings)])
      seen.set(warningKey(w), w);
    return [...seen.values()].sort(
      (a, b) => (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0),
    );
  }, [preview, tables, mappedWarnings]);

  const problems = useMemo(() => tables.map((table) => validateTable(table)), [tables]);
  const problemCount = problems.reduce((n, list) => n + list.length, 0);
  // 总分 as the unit printed it on a filled 自评表, shown beside the total of the rows' scores.
  const printedTotal = useMemo(() => (preview ? readPrintedTotal(preview.sourceText) : null), [preview]);
  const rowSpan =
    activeRow === null ? null : (tables[Number(activeTable)]?.indicators[activeRow]?.source ?? null);

  const openedId = useRef<string | null>(null);
  /** Shows a preview: a file just read, or one kept earlier (a batch's file that waits for confirmation). */
  const openPreview = async (result: ImportPreview) => {
    openedId.current = result.importId;
    setPreview(result);
    // A preview the user mapped before (a reload, a batch's file opened again) opens as mapped.
    const kept = result.mapped;
    const keptDraft: MappingDraft = kept
      ? {
          line: kept.mapping.region.line,
          endLine: kept.mapping.region.endLine,
          separator: kept.mapping.separator ?? null,
          roles: kept.mapping.roles,
        }
      : emptyDraft;
    const keptMapping = kept
      ? draftMapping(withRoles(result.sourceText, keptDraft, result.sourceCells))
      : null;
    openedMapping.current = keptMapping ? JSON.stringify(keptMapping) : null;
    setTables(kept ? kept.tables : result.tables);
    // Nothing read: the user shows the table and its columns instead.
    setMappingOpen(kept !== undefined || result.tables.length === 0);
    setDraft(keptDraft);
    setMappedRows(kept ? (kept.tables[0]?.indicators.length ?? 0) : null);
    setMappedWarnings(kept ? kept.warnings : null);
    setPicking(false);
    setTemplateName('');
    setActiveTable('0');
    setActiveRow(null);
    setFocus(null);
    const form = (kept?.tables ?? result.tables).find((table) => table.monitoring != null);
    setMonitoringMonth(form?.monitoring?.cutOffMonth ?? null);
  };

  // /import?id=… opens a kept preview: a batch's file that waits for the person's confirmation.
  // An upload's preview puts its id in the address too, so that a reload opens it again as it was left.
  const [searchParams, setSearchParams] = useSearchParams();
  const keptId = searchParams.get('id');
  // biome-ignore lint/correctness/useExhaustiveDependencies: opened once per id; openPreview sets state only
  useEffect(() => {
    if (!keptId || keptId === openedId.current) return;
    api
      .getImport(keptId)
      .then((kept) => openPreview(kept))
      .catch((e: unknown) => setUploadError(toApiError(e)));
  }, [keptId]);

  const upload = async (file: File) => {
    setParsing(true);
    setUploadError(null);
    setCreated(null);
    const controller = new AbortController();
    cancelUpload.current = controller;
    setSending({ fileName: file.name, startedAt: Date.now(), progress: null });
    try {
      const result = await api.importFile(file, {
        signal: controller.signal,
        onProgress: (progress) => setSending((current) => current && { ...current, progress }),
      });
      setSending(null);
      await openPreview(result);
      setSearchParams({ id: result.importId }, { replace: true });
    } catch (e) {
      const cancelled = e instanceof ApiError && e.problem.code === 'upload.cancelled';
      if (cancelled) message.info(t('import.cancelled'));
      setUploadError(cancelled ? null : toApiError(e));
      setPreview(null);
    } finally {
      setSending(null);
      cancelUpload.current = null;
      setParsing(false);
    }
  };

  /** A table chosen by the user: what the form would leave out there. */
  const chooseTable = async (tableId: string) => {
    setMonitoringTableId(tableId);
    if (!preview) return;
    try {
      const there = await api.monitoringMatch(preview.importId, tableId, shownForm ?? {});
      setMatch((current) => (current ? { ...current, problems: there.problems } : there));
    } catch (e) {
      showFailure(e);
    }
  };

  const confirmMonitoring = async () => {
    if (!preview || monitoringTableId === null || monitoringMonth === null) return;
    setConfirming(true);
    try {
      const result = await api.confirmImport(preview.importId, tables, {
        tableId: monitoringTableId,
        cutOffMonth: monitoringMonth,
      });
      const filled = result.monitoring;
      if (!filled) return;
      message.success(
        t('monitoringImport.done', { name: filled.name, m: filled.cutOffMonth, n: filled.indicatorCount }),
      );
      if (filled.problems.length > 0)
        message.info(t('monitoringImport.problems', { n: filled.problems.length }));
      navigate(`/monitoring/${filled.tableId}?month=${filled.cutOffMonth}`);
    } catch (e) {
      showFailure(e);
    } finally {
      setConfirming(false);
    }
  };

  const confirmSelfEvaluation = async () => {
    if (!preview || selfTableId === null) return;
    setConfirming(true);
    try {
      const result = await selfEvaluationImportApi.confirm(preview.importId, tables, {
        ...(selfTableId === OWN_TABLE ? { ownTable: true } : { tableId: selfTableId }),
        ...(selfSchemeId ? { schemeId: selfSchemeId } : {}),
      });
      const filled = result.selfEvaluation;
      if (!filled) return;
      message.success(
        t('selfEvaluationImport.done', {
          name: filled.name,
          claimed: filled.claimedTotal ?? '—',
          total: filled.total,
        }),
      );
      navigate(`/self-evaluation/${filled.tableId}`);
    } catch (e) {
      showFailure(e);
    } finally {
      setConfirming(false);
    }
  };

  const confirm = async (choices?: DuplicateChoice[]) => {
    if (!preview) return;
    if (isMonitoring) return confirmMonitoring();
    if (isSelfEvaluation) return confirmSelfEvaluation();
    setConfirming(true);
    try {
      const result = await api.confirmImport(
        preview.importId,
        tables,
        choices ? { duplicates: choices } : {},
      );
      setDuplicates(null);
      // Confirmed: a reload starts a new import rather than opening this one again.
      setSearchParams({}, { replace: true });
      setCreated(result.records);
      setSkipped(result.skipped?.length ?? 0);
      message.success(
        result.records.length === 0 && (result.skipped?.length ?? 0) > 0
          ? t('duplicates.skippedAll')
          : t('import.confirmed', { n: result.records.length }),
      );
    } catch (e) {
      if (e instanceof ApiError && e.problem.code === 'table.duplicate' && e.problem.duplicates) {
        setDuplicates(e.problem.duplicates);
        return;
      }
      showFailure(e);
    } finally {
      setConfirming(false);
    }
  };

  const reset = () => {
    openedId.current = null;
    if (keptId) setSearchParams({}, { replace: true });
    setPreview(null);
    setTables([]);
    setCreated(null);
    setSkipped(0);
    setDuplicates(null);
    setUploadError(null);
    setMatch(null);
    setMappingOpen(false);
    setDraft(emptyDraft);
    setMappedRows(null);
    setMappedWarnings(null);
  };

  const patchTable = (index: number, change: Partial<PerformanceTable>) =>
    setTables((list) => list.map((table, i) => (i === index ? { ...table, ...change } : table)));

  if (created) {
    return (
      <Result
        status="success"
        title={
          created.length === 0 && skipped > 0
            ? t('duplicates.skippedAll')
            : t('import.confirmed', { n: created.length })
        }
        subTitle={
          <span data-testid="import-result">
            {preview?.fileName}
            {skipped > 0 ? ` · ${t('duplicates.skipped', { n: skipped })}` : ''}
          </span>
        }
        extra={[
          <Button key="again" onClick={reset}>
            {t('import.again')}
          </Button>,
          <Button key="list" type="primary" onClick={() => navigate('/tables')}>
            {t('nav.tables')}
          </Button>,
        ]}
      >
        <List
          size="small"
          dataSource={created}
          data-testid="import-created"
          renderItem={(record) => (
            <List.Item
              actions={[
                <Link key="open" to={`/tables/${record.id}`}>
                  {t('common.open')}
                </Link>,
                <Link key="print" to={`/tables/${record.id}/print`}>
                  {t('list.print')}
                </Link>,
              ]}
            >
              <Space>
                <CheckCircleOutlined style={{ color: '#389e0d' }} />
                <strong>{record.table.name}</strong>
                <span className="muted">
                  {record.table.unit} · {record.table.year}
                </span>
              </Space>
            </List.Item>
          )}
        />
      </Result>
    );
  }

  const singleUpload = (
    <Spin spinning={parsing && !sending} tip={t('import.parsing')}>
      {sending && (
        <ImportProgress
          fileName={sending.fileName}
          progress={sending.progress}
          startedAt={sending.startedAt}
          onCancel={() => cancelUpload.current?.abort()}
        />
      )}
      <Upload.Dragger
        style={sending ? { display: 'none' } : undefined}
        accept=".txt,.text,.csv,.pdf,.docx,.doc,.xlsx,.xls,.json"
        multiple={false}
        showUploadList={false}
        beforeUpload={(file) => {
          void upload(file);
          return false;
        }}
        className="import-drop"
        data-testid="import-drop"
      >
        <p className="ant-upload-drag-icon">
          <InboxOutlined />
        </p>
        <p className="ant-upload-text">{t('import.drop')}</p>
        <p className="ant-upload-hint">{t('import.dropHint')}</p>
      </Upload.Dragger>
      {uploadError && (
        <Alert
          style={{ marginTop: 16 }}
          type="error"
          showIcon
          title={pick(uploadError.problem)}
          description={
            uploadError.problem.line
              ? t('import.lineCol', {
                  line: uploadError.problem.line,
                  column: uploadError.problem.column ?? 1,
                })
              : undefined
          }
          data-testid="import-error"
        />
      )}
    </Spin>
  );

  return (
    <div data-testid="import-page">
      <ImportDuplicatesDialog
        duplicates={duplicates}
        confirming={confirming}
        onConfirm={(choices) => void confirm(choices)}
        onCancel={() => setDuplicates(null)}
      />
      <PageHead title={t('import.title')} subtitle={t('import.subtitle')}>
        {preview && (
          <Space>
            <Button
              icon={<TableOutlined />}
              type={mappingOpen ? 'primary' : 'default'}
              ghost={mappingOpen}
              onClick={() => setMappingOpen(!mappingOpen)}
              data-testid="mapping-open"
            >
              {t('mapping.open')}
            </Button>
            <Button icon={<ReloadOutlined />} onClick={reset}>
              {t('import.again')}
            </Button>
            <Button
              type="primary"
              loading={confirming}
              disabled={
                tables.length === 0 ||
                problemCount > 0 ||
                (isMonitoring && (monitoringTableId === null || monitoringMonth === null)) ||
                (isSelfEvaluation && selfTableId === null)
              }
              onClick={() => void confirm()}
              data-testid="import-confirm"
            >
              {isMonitoring
                ? t('monitoringImport.confirm')
                : isSelfEvaluation
                  ? t('selfEvaluationImport.confirm')
                  : t('import.confirm', { n: tables.length })}
            </Button>
          </Space>
        )}
      </PageHead>

      {!preview && (
        <Tabs
          defaultActiveKey="one"
          items={[
            { key: 'one', label: t('batch.one'), children: singleUpload },
            { key: 'batch', label: t('batch.tab'), children: <BatchImport /> },
          ]}
          data-testid="import-modes"
        />
      )}

      {preview && (
        <div className="import-split">
          <Card
            size="small"
            title={
              <Space>
                {t('import.source')}
                <span className="muted">{preview.fileName}</span>
              </Space>
            }
          >
            <SourceView
              text={preview.sourceText}
              warnings={warnings}
              focusLine={focus?.line ?? null}
              focusColumn={focus?.column ?? null}
              rowSpan={rowSpan}
              region={
                mappingOpen && draft.line !== null
                  ? { line: draft.line, endLine: draft.endLine ?? draft.line }
                  : null
              }
              onLineClick={mappingOpen && picking ? pickLine : undefined}
            />
          </Card>
          <div>
            {preview.template && !mappedRows && <TemplateUsed template={preview.template} />}
            {mappingOpen && (
              <MappingPanel
                sourceText={preview.sourceText}
                sourceCells={preview.sourceCells}
                draft={withRoles(preview.sourceText, draft, preview.sourceCells)}
                onDraft={setDraft}
                picking={picking}
                onPicking={setPicking}
                reading={reading}
                rows={mappedRows}
                templateName={templateName}
                onTemplateName={setTemplateName}
                onSaveTemplate={() => void saveTemplate()}
                saving={savingTemplate}
              />
            )}
            <Card
              size="small"
              title={
                <Space>
                  <WarningOutlined style={{ color: warnings.length ? '#d46b08' : '#8c8c8c' }} />
                  {t('import.warnings', { n: warnings.length })}
                </Space>
              }
              style={{ marginBottom: 12 }}
            >
              {warnings.length === 0 ? (
                <span className="muted">{t('import.noWarnings')}</span>
              ) : (
                <List
                  size="small"
                  className="warning-items"
                  dataSource={warnings}
                  data-testid="import-warnings"
                  renderItem={(w) => (
                    <List.Item
                      className="warning-item"
                      data-line={w.line}
                      onClick={() => w.line && setFocus({ line: w.line, column: w.column ?? null })}
                      onKeyDown={(e) => {
                        if ((e.key === 'Enter' || e.key === ' ') && w.line)
                          setFocus({ line: w.line, column: w.column ?? null });
                      }}
                      tabIndex={0}
                      role="button"
                    >
                      <Space align="start">
                        {w.line ? (
                          <Tag>
                            {w.column
                              ? t('import.lineCol', { line: w.line, column: w.column })
                              : t('import.line', { line: w.line })}
                          </Tag>
                        ) : null}
                        <span>{pick(w)}</span>
                      </Space>
                    </List.Item>
                  )}
                />
              )}
            </Card>
            {isMonitoring && (
              <MonitoringTarget
                match={match}
                error={matchError}
                onRetry={() => setMatchTry((n) => n + 1)}
                tableId={monitoringTableId}
                month={monitoringMonth}
                onTable={(tableId) => void chooseTable(tableId)}
                onMonth={setMonitoringMonth}
              />
            )}
            {isSelfEvaluation && (
              <SelfEvaluationTarget
                match={selfMatch}
                error={matchError}
                onRetry={() => setMatchTry((n) => n + 1)}
                tableId={selfTableId}
                schemeId={selfSchemeId}
                printedExecutionWeight={
                  tables.find((table) => table.kind === 'self-evaluation')?.budget.executionWeight ?? null
                }
                onTable={setSelfTableId}
                onScheme={setSelfSchemeId}
              />
            )}
            <Card size="small" title={t('import.tables', { n: tables.length })}>
              {tables.length === 0 ? (
                <Empty description={t('import.none')} />
              ) : (
                <>
                  {!isMonitoring && (
                    <div className="muted" style={{ marginBottom: 8 }}>
                      {t('import.fix')}
                    </div>
                  )}
                  <Tabs
                    activeKey={activeTable}
                    onChange={(key) => {
                      setActiveTable(key);
                      setActiveRow(null);
                    }}
                    items={tables.map((table, index) => ({
                      key: String(index),
                      label: (
                        <span>
                          {table.name || t('indicator.unnamed')}
                          {(problems[index]?.length ?? 0) > 0 && (
                            <Tag color="red" style={{ marginLeft: 6 }}>
                              {problems[index]?.length}
                            </Tag>
                          )}
                        </span>
                      ),
                      children: (
                        <>
                          <KindChoice
                            found={preview.tables[index] ?? table}
                            table={table}
                            onChange={(change) => patchTable(index, change)}
                          />
                          {table.monitoring ? (
                            <MonitoringFormPreview table={table} />
                          ) : (
                            <ImportedTableForm
                              idPrefix={`imp-${index}`}
                              table={table}
                              printedTotal={printedTotal}
                              activeRow={activeRow}
                              onRowFocus={setActiveRow}
                              errors={Object.fromEntries(
                                (problems[index] ?? []).map((p) => [p.path, t(p.key, p.params)]),
                              )}
                              notices={Object.fromEntries(
                                table.warnings
                                  .filter((w) => w.code === 'import.low_confidence' && w.path)
                                  .map((w) => [w.path, pick(w)]),
                              )}
                              onChange={(change) => patchTable(index, change)}
                            />
                          )}
                        </>
                      ),
                    }))}
                  />
                </>
              )}
            </Card>
          </div>
        </div>
      )}
    </div>
  );
}

/** Which layout template read the file, and how well the file matched it. */
function TemplateUsed({ template }: { template: UsedTemplate }) {
  const { t } = useI18n();
  const fit = template.fit;
  const exact = fit !== undefined && fit.score === 1;
  const description = !fit
    ? undefined
    : exact
      ? t('mapping.templateFitExact', { sheet: fit.sheetSame ? t('mapping.templateFitSheet') : '' })
      : `${t('mapping.templateFit', {
          score: Math.round(fit.score * 100),
          same: fit.sameWords,
          words: fit.templateWords,
          columns: fit.fileColumns,
          templateColumns: fit.templateColumns,
        })}${fit.sheetSame === false ? t('mapping.templateFitOtherSheet') : ''}`;
  return (
    <Alert
      type={fit && !exact ? 'warning' : 'success'}
      showIcon
      style={{ marginBottom: 12 }}
      title={
        <span data-testid="import-template-used">{t('mapping.templateUsed', { name: template.name })}</span>
      }
      description={
        description && (
          <>
            <div data-testid="import-template-fit">{description}</div>
            {!exact && <div>{t('mapping.templateFitCheck')}</div>}
          </>
        )
      }
    />
  );
}

type ShownKind = PerformanceTable['kind'] | 'monitoring';

const shownKind = (table: PerformanceTable): ShownKind => (table.monitoring ? 'monitoring' : table.kind);

/** The kind of document the reader found, and the user's choice when it is another. */
function KindChoice({
  found,
  table,
  onChange,
}: {
  found: PerformanceTable;
  table: PerformanceTable;
  onChange: (change: Partial<PerformanceTable>) => void;
}) {
  const { t } = useI18n();
  const kinds: ShownKind[] = ['target', 'self-evaluation', 'monitoring', 'department-wide'];
  return (
    <Space style={{ marginBottom: 8 }} wrap>
      <span className="mini-label">{t('importFlow.kind')}</span>
      <Select
        size="small"
        style={{ width: 220 }}
        aria-label={t('importFlow.kind')}
        value={shownKind(table)}
        onChange={(kind: ShownKind) =>
          onChange(
            kind === 'monitoring'
              ? { monitoring: table.monitoring ?? found.monitoring ?? { cutOffMonth: null } }
              : { kind, monitoring: null },
          )
        }
        options={kinds.map((kind) => ({ value: kind, label: t(`importFlow.kind.${kind}`) }))}
        data-testid="import-kind"
      />
      <Tag data-testid="import-kind-found">
        {t('importFlow.kindFound', { kind: t(`importFlow.kind.${shownKind(found)}`) })}
      </Tag>
    </Space>
  );
}

function ImportedTableForm({
  idPrefix,
  table,
  errors,
  notices,
  onChange,
  activeRow,
  onRowFocus,
  printedTotal,
}: {
  idPrefix: string;
  table: PerformanceTable;
  printedTotal: number | null;
  activeRow: number | null;
  onRowFocus: (index: number) => void;
  errors: Record<string, string>;
  /** The importer's guesses to confirm, by row path. */
  notices: Record<string, string>;
  onChange: (change: Partial<PerformanceTable>) => void;
}) {
  const { t } = useI18n();
  const error = (path: string) => (errors[path] ? <div className="field-error">{errors[path]}</div> : null);
  const selfEvaluation = table.kind === 'self-evaluation';
  const missingRows = table.indicators.filter((i) => missingCells(i, selfEvaluation).length > 0).length;
  const guessedRows = Object.keys(notices).length;
  const indicatorScore = table.indicators.reduce((n, i) => n + (i.score ?? 0), 0);
  const round = (n: number) => Math.round(n * 100) / 100;
  const rowTools = (index: number) => (
    <>
      <Tooltip title={t('importFlow.split')}>
        <Button
          size="small"
          type="text"
          aria-label={t('importFlow.split')}
          icon={<SplitCellsOutlined />}
          onClick={() => onChange({ indicators: splitRow(table.indicators, index) })}
          data-testid="row-split"
        />
      </Tooltip>
      <Tooltip title={t('importFlow.merge')}>
        <Button
          size="small"
          type="text"
          aria-label={t('importFlow.merge')}
          icon={<MergeCellsOutlined />}
          disabled={index === table.indicators.length - 1}
          onClick={() => onChange({ indicators: mergeWithNext(table.indicators, index) })}
          data-testid="row-merge"
        />
      </Tooltip>
    </>
  );
  // The header's fields, each with its label above and its error below.
  const textField = (key: 'name' | 'unit', span: number) => (
    <Col span={span}>
      <label className="mini-label" htmlFor={`${idPrefix}-${key}`}>
        {t(`field.${key}`)}
      </label>
      <Input
        id={`${idPrefix}-${key}`}
        value={table[key]}
        status={errors[key] ? 'error' : ''}
        onChange={(e) => onChange({ [key]: e.target.value })}
      />
      {error(key)}
    </Col>
  );
  const moneyField = (
    key:
      | 'total'
      | 'currentYear'
      | 'priorYearBudget'
      | 'priorYearExecuted'
      | 'initial'
      | 'adjusted'
      | 'executed',
    span: number,
  ) => (
    <Col span={span} key={key}>
      <span className="mini-label">{t(`field.${key}`)}</span>
      <MoneyInput
        value={table.budget[key]}
        status={errors[`budget.${key}`] ? 'error' : ''}
        onChange={(v) => onChange({ budget: { ...table.budget, [key]: v } })}
      />
      {error(`budget.${key}`)}
    </Col>
  );
  return (
    <div className="imported-table" data-testid="imported-table">
      {table.incomplete && (
        <Alert type="warning" showIcon title={t('import.incomplete')} style={{ marginBottom: 8 }} />
      )}
      <Row gutter={[12, 8]}>
        {textField('name', 16)}
        <Col span={8}>
          <label className="mini-label" htmlFor={`${idPrefix}-year`}>
            {t('field.year')}
          </label>
          <InputNumber
            id={`${idPrefix}-year`}
            style={{ width: '100%' }}
            value={table.year}
            onChange={(v) => onChange({ year: typeof v === 'number' ? v : Number.NaN })}
          />
          {error('year')}
        </Col>
        {textField('unit', 24)}
        {(['total', 'currentYear', 'priorYearBudget', 'priorYearExecuted'] as const).map((key) =>
          moneyField(key, 12),
        )}
        {selfEvaluation && (
          <>
            <Col span={24}>
              <strong>{t('importFlow.execution')}</strong>
            </Col>
            {(['initial', 'adjusted', 'executed'] as const).map((key) => moneyField(key, 8))}
            {(
              [
                ['executionWeight', 'execution-weight'],
                ['executionScore', 'execution-score'],
              ] as const
            ).map(([field, id]) => (
              <Col span={6} key={field}>
                <label className="mini-label" htmlFor={`${idPrefix}-${id}`}>
                  {t(`importFlow.${field}`)}
                </label>
                <InputNumber
                  id={`${idPrefix}-${id}`}
                  style={{ width: '100%' }}
                  min={0}
                  max={100}
                  value={table.budget[field] ?? null}
                  onChange={(v) =>
                    onChange({ budget: { ...table.budget, [field]: typeof v === 'number' ? v : null } })
                  }
                  data-testid={`import-${id}`}
                />
              </Col>
            ))}
            <Col span={12} style={{ alignSelf: 'end' }}>
              <span data-testid="import-score-total">
                {t('importFlow.total', {
                  total: round(indicatorScore + (table.budget.executionScore ?? 0)),
                  indicators: round(indicatorScore),
                  execution: round(table.budget.executionScore ?? 0),
                })}
              </span>
              {printedTotal !== null && (
                <Tag
                  color={
                    Math.abs(printedTotal - (indicatorScore + (table.budget.executionScore ?? 0))) > 0.01
                      ? 'orange'
                      : 'green'
                  }
                  style={{ marginLeft: 8 }}
                  data-testid="import-printed-total"
                >
                  {t('importFlow.printedTotal', { total: printedTotal })}
                </Tag>
              )}
            </Col>
          </>
        )}
      </Row>
      {(missingRows > 0 || guessedRows > 0) && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 12 }}
          data-testid="import-row-checks"
          title={[
            missingRows > 0 ? t('importFlow.missing', { n: missingRows }) : '',
            guessedRows > 0 ? t('importFlow.lowConfidence', { n: guessedRows }) : '',
          ]
            .filter(Boolean)
            .join('；')}
        />
      )}
      <div style={{ marginTop: 12 }}>
        <IndicatorGrid
          indicators={table.indicators}
          errors={errors}
          notices={notices}
          onChange={(indicators) => onChange({ indicators })}
          activeRow={activeRow}
          onRowFocus={onRowFocus}
          rowTools={rowTools}
          evaluation={selfEvaluation}
          markMissing
        />
      </div>
    </div>
  );
}
