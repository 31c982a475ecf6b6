import type { BatchExportRequest } from '@jixiao/core/export/batch-export.schema';
import type { PerformanceTable } from '@jixiao/core/tables/table.schema';
import type { TableDiff } from '@jixiao/core/tables/table-diff';
import type {
  DuplicateChoice,
  ImportConfirm,
  ImportPreview,
  ImportResult,
  MonitoringMatch,
  Problem,
  ShownFormQuery,
  TableList,
  TableListQuery,
  TableRecord,
  TableUpdate,
  TableVersionSummary,
} from '@jixiao/core/tables/table-record.schema';
import type { TableVersion } from '@jixiao/core/tables/table-store';

/** A failed API call, carrying the server's problem+json (code, zh, en, path). */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: Problem;

  constructor(status: number, problem: Problem) {
    super(`${problem.code}: ${problem.en}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

function fallbackProblem(status: number, text: string): Problem {
  return {
    type: 'about:blank',
    title: text || `HTTP ${status}`,
    status,
    code: status === 0 ? 'network.unreachable' : 'http.error',
    zh: status === 0 ? '无法连接服务器' : `请求失败（HTTP ${status}）${text ? `：${text}` : ''}`,
    en:
      status === 0 ? 'Cannot reach the server' : `Request failed (HTTP ${status})${text ? `: ${text}` : ''}`,
  };
}

/**
 * Any failure of a call or of the code handling its answer, as the ApiError the pages show: an ApiError
 * as it is; a TypeError the browser raises for a connection lost while reading (Chromium's "Failed to
 * fetch", Firefox's "NetworkError…", Safari's "Load failed") as the unreachable server; anything else (a
 * bug, an answer of the wrong shape) as `client.unexpected` with its message, logged. A failure is never
 * dropped because it is not the server's problem+json.
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  const text = error instanceof Error ? error.message : String(error);
  if (error instanceof TypeError && /failed to fetch|networkerror|load failed|network error/i.test(text))
    return new ApiError(0, fallbackProblem(0, ''));
  console.error(error);
  return new ApiError(0, {
    type: 'about:blank',
    title: 'Unexpected error',
    status: 0,
    code: 'client.unexpected',
    zh: `页面出错：${text}`,
    en: `The page failed: ${text}`,
  });
}

function isProblem(body: unknown): body is Problem {
  return typeof body === 'object' && body !== null && 'code' in body && 'zh' in body && 'en' in body;
}

/** The server's double-submit CSRF token: a readable cookie echoed in a header on every write. */
const csrfCookie = 'jixiao_csrf';
const csrfHeader = 'x-csrf-token';

function csrfToken(): string | null {
  const match = document.cookie.split('; ').find((pair) => pair.startsWith(`${csrfCookie}=`));
  return match ? decodeURIComponent(match.slice(csrfCookie.length + 1)) : null;
}

/** Sends a request with the CSRF token on writes; a network failure is ApiError 0. */
async function send(method: string, url: string, accept: string | null, body?: unknown): Promise<Response> {
  const headers: Record<string, string> = accept ? { accept } : {};
  const token = method === 'GET' || method === 'HEAD' ? null : csrfToken();
  if (token) headers[csrfHeader] = token;
  const init: RequestInit = { method, headers, credentials: 'same-origin' };
  if (body instanceof FormData) {
    init.body = body;
  } else if (body !== undefined) {
    init.body = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  try {
    return await fetch(url, init);
  } catch {
    throw new ApiError(0, fallbackProblem(0, ''));
  }
}

/** The body as JSON, or as the text it is when it is not JSON (a proxy's error page, say); null if empty. */
function parseBody(text: string): unknown {
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

/** The ApiError of a failed response; an expired session also sends the user to the login page. */
function failure(status: number, parsed: unknown): ApiError {
  const problem = isProblem(parsed)
    ? parsed
    : fallbackProblem(status, typeof parsed === 'string' ? parsed : '');
  // The session is missing or expired: the shell sends the user to the login page (use-session.ts).
  if (problem.code === 'auth.unauthenticated') window.dispatchEvent(new Event('jixiao:unauthenticated'));
  return new ApiError(status, problem);
}

// Told of every successful write (method and URL), so the query cache can mark what changed as stale.
const writeListeners = new Set<(url: string) => void>();

/** Calls `listener` after each successful write (any method but GET/HEAD); returns the unsubscribe. */
export function onSuccessfulWrite(listener: (url: string) => void): () => void {
  writeListeners.add(listener);
  return () => writeListeners.delete(listener);
}

function wrote(method: string, url: string): void {
  if (method === 'GET' || method === 'HEAD') return;
  for (const listener of writeListeners) listener(url);
}

/** Calls the API; features' own `api/<feature>.api.ts` files use this too. Throws ApiError on failure. */
export async function request<T>(method: string, url: string, body?: unknown): Promise<T> {
  const response = await send(method, url, 'application/json', body);
  let text: string;
  try {
    text = await response.text();
  } catch {
    // The connection dropped while the answer was read: for a write, whether it happened is unknown.
    throw new ApiError(0, fallbackProblem(0, ''));
  }
  const parsed = parseBody(text);
  if (!response.ok) throw failure(response.status, parsed);
  wrote(method, url);
  return parsed as T;
}

/** How much of an upload has been sent: `sent` of `total` bytes. */
export interface UploadProgress {
  sent: number;
  total: number;
}

/** The problem of an upload the user cancelled (never sent by the server). */
export const uploadCancelled: Problem = {
  type: 'about:blank',
  title: 'Upload cancelled',
  status: 0,
  code: 'upload.cancelled',
  zh: '已取消上传',
  en: 'The upload was cancelled',
};

/**
 * Like `request` for a multipart upload, reporting the bytes sent (fetch cannot) and stopped by `signal`
 * (ApiError `upload.cancelled`). Failures are the same ApiError as `request`'s.
 */
export function requestUpload<T>(
  url: string,
  form: FormData,
  options: { onProgress?: (progress: UploadProgress) => void; signal?: AbortSignal } = {},
): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (options.signal?.aborted) {
      reject(new ApiError(0, uploadCancelled));
      return;
    }
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    xhr.setRequestHeader('accept', 'application/json');
    const token = csrfToken();
    if (token) xhr.setRequestHeader(csrfHeader, token);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) options.onProgress?.({ sent: event.loaded, total: event.total });
    };
    xhr.onload = () => {
      const parsed = parseBody(xhr.responseText);
      if (xhr.status >= 200 && xhr.status < 300) {
        wrote('POST', url);
        resolve(parsed as T);
      } else reject(failure(xhr.status, parsed));
    };
    xhr.onerror = () => reject(new ApiError(0, fallbackProblem(0, '')));
    xhr.onabort = () => reject(new ApiError(0, uploadCancelled));
    options.signal?.addEventListener('abort', () => xhr.abort(), { once: true });
    xhr.send(form);
  });
}

/** A file the API answers with: its bytes and the name the server gave it (Content-Disposition). */
export interface DownloadedFile {
  blob: Blob;
  fileName: string | null;
}

/** The exact name of a Content-Disposition header: RFC 5987 `filename*` first, else the plain `filename`. */
export function dispositionFileName(header: string | null): string | null {
  if (!header) return null;
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header)?.[1];
  if (encoded) {
    try {
      return decodeURIComponent(encoded.trim());
    } catch {
      // A malformed escape: fall back to the ASCII name.
    }
  }
  return /filename="([^"]*)"/i.exec(header)?.[1] ?? null;
}

/** Like `request`, for endpoints that answer a file (a batch export's zip); failures are the same ApiError. */
export async function requestFile(method: string, url: string, body?: unknown): Promise<DownloadedFile> {
  const response = await send(method, url, null, body);
  if (!response.ok) throw failure(response.status, parseBody(await response.text().catch(() => '')));
  let blob: Blob;
  try {
    blob = await response.blob();
  } catch {
    // The server streams large files and breaks the download when it fails half-way.
    throw new ApiError(response.status, {
      type: 'about:blank',
      title: 'Download interrupted',
      status: response.status,
      code: 'network.interrupted',
      zh: '下载中断，文件不完整，请重试',
      en: 'The download was interrupted and the file is incomplete; try again',
    });
  }
  return { blob, fileName: dispositionFileName(response.headers.get('content-disposition')) };
}

/** Hands a downloaded file to the browser's downloads, under its name. */
export function saveFile(file: DownloadedFile, fallbackName: string): void {
  const href = URL.createObjectURL(file.blob);
  const link = document.createElement('a');
  link.href = href;
  link.download = file.fileName ?? fallbackName;
  document.body.append(link);
  link.click();
  link.remove();
  // The download has started from the URL by now; revoking later keeps slow browsers safe.
  setTimeout(() => URL.revokeObjectURL(href), 60_000);
}

function queryString(query: Partial<TableListQuery>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export type ExportFormat = 'json' | 'xlsx' | 'pdf' | 'docx' | 'html';

/** Typed calls of the Jixiao HTTP API; shapes come from the core schemas. */
export const api = {
  listTables: (query: Partial<TableListQuery>) =>
    request<TableList>('GET', `/api/tables${queryString(query)}`),
  getTable: (id: string) => request<TableRecord>('GET', `/api/tables/${encodeURIComponent(id)}`),
  createTable: (table: PerformanceTable) => request<TableRecord>('POST', '/api/tables', { table }),
  updateTable: (id: string, update: TableUpdate) =>
    request<TableRecord>('PUT', `/api/tables/${encodeURIComponent(id)}`, update),
  deleteTable: (id: string) => request<void>('DELETE', `/api/tables/${encodeURIComponent(id)}`),
  listVersions: (id: string) =>
    request<TableVersionSummary[] | { items: TableVersionSummary[] }>(
      'GET',
      `/api/tables/${encodeURIComponent(id)}/versions`,
    ).then((body) => (Array.isArray(body) ? body : body.items)),
  getVersion: (id: string, version: number) =>
    request<TableVersion>('GET', `/api/tables/${encodeURIComponent(id)}/versions/${version}`),
  diff: (id: string, from: number, to: number) =>
    request<TableDiff>('GET', `/api/tables/${encodeURIComponent(id)}/diff?from=${from}&to=${to}`),
  /** Uploads a document for a preview; `onProgress` follows the bytes sent, `signal` cancels. */
  /** A kept preview again (a batch's file that waits for confirmation). */
  getImport: (importId: string) =>
    request<ImportPreview>('GET', `/api/imports/${encodeURIComponent(importId)}`),
  importFile: (
    file: File,
    options: { onProgress?: (progress: UploadProgress) => void; signal?: AbortSignal } = {},
  ) => {
    const form = new FormData();
    form.append('file', file, file.name);
    return requestUpload<ImportPreview>('/api/imports', form, options);
  },
  /** Confirms a preview; a monitoring form goes to `tableId` (else the table the server finds) at `cutOffMonth`. */
  confirmImport: (
    importId: string,
    tables: PerformanceTable[],
    options: { tableId?: string; cutOffMonth?: number; duplicates?: DuplicateChoice[] } = {},
  ) =>
    request<ImportResult>('POST', `/api/imports/${encodeURIComponent(importId)}/confirm`, {
      tables,
      ...options,
    } satisfies ImportConfirm),
  /** Where a previewed monitoring form would go: the matched table, or the unit's tables to choose from. */
  monitoringMatch: (importId: string, tableId?: string, shown: ShownFormQuery = {}) =>
    request<MonitoringMatch>(
      'GET',
      `/api/imports/${encodeURIComponent(importId)}/monitoring-match${shownFormQuery({ ...shown, ...(tableId ? { tableId } : {}) })}`,
    ),
  /** The official form as a file, its labels in the language the reader chose (the data stays as written). */
  exportUrl: (id: string, format: ExportFormat, locale: 'zh' | 'en') =>
    `/api/tables/${encodeURIComponent(id)}/export.${format}?locale=${locale}`,
  /** Several tables' official forms in one .zip (批量导出). */
  exportTables: (request: BatchExportRequest) => requestFile('POST', '/api/tables/export', request),
};

/** The form as the user shows it (kind chosen, header as edited), as a match's query string. */
export function shownFormQuery(shown: ShownFormQuery & { tableId?: string }): string {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(shown))
    if (value !== undefined && value !== '' && !Number.isNaN(value)) query.set(key, String(value));
  const text = query.toString();
  return text ? `?${text}` : '';
}
