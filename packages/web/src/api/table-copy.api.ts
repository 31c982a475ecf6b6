import type { TableCopy } from '@jixiao/core/tables/table-copy';
import type { TableRecord } from '@jixiao/core/tables/table-record.schema';
import { request } from './api-client.ts';

/** 复制为新年度: POST /api/tables/:id/copy creates the new year's draft and returns it. */
export const tableCopyApi = {
  copy: (id: string, body: TableCopy) =>
    request<TableRecord>('POST', `/api/tables/${encodeURIComponent(id)}/copy`, body),
};
