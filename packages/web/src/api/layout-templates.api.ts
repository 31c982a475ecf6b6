import type {
  ColumnMapping,
  LayoutTemplate,
  LayoutTemplateCreate,
  MappingResult,
} from '@jixiao/core/tables/column-mapping.schema';
import { request } from './api-client.ts';

/** Column mapping of a previewed import and the layout templates it is saved as. */
export const layoutTemplatesApi = {
  /** The preview re-read through the columns the user assigned. */
  map: (importId: string, mapping: ColumnMapping) =>
    request<MappingResult>('POST', `/api/imports/${encodeURIComponent(importId)}/mapping`, { mapping }),
  list: (retired = false) =>
    request<{ items: LayoutTemplate[] }>('GET', `/api/layout-templates${retired ? '?retired=true' : ''}`),
  create: (body: Omit<LayoutTemplateCreate, 'scope'>) =>
    request<LayoutTemplate>('POST', '/api/layout-templates', body),
  shareWithRegion: (id: string) =>
    request<LayoutTemplate>('POST', `/api/layout-templates/${encodeURIComponent(id)}/region`),
  retire: (id: string) =>
    request<LayoutTemplate>('POST', `/api/layout-templates/${encodeURIComponent(id)}/retire`),
};
