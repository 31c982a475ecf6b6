import type { PeerList } from '@jixiao/core/peers/peer.schema';
import { request } from './api-client.ts';

/** 同类项目 (案例库): GET /api/tables/:id/peers. */
export const peersApi = {
  list: (tableId: string) => request<PeerList>('GET', `/api/tables/${encodeURIComponent(tableId)}/peers`),
};
