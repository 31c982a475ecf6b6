import { expect, it } from 'vitest';
import { endpointsFor, ownBlockMs } from './bench-scale.ts';

it("judges a block on the server thread's own run time where the machine tells it, else on the delay", () => {
  expect(ownBlockMs({ eventLoopMaxMs: 310, eventLoopThreadMaxMs: 9.5 })).toBe(9.5);
  expect(ownBlockMs({ eventLoopMaxMs: 310 })).toBe(310);
});

it('measures the similar-project search of a common and of the rarest project name', () => {
  const peers = endpointsFor({
    tables: 10,
    published: 8,
    tableId: 'a',
    publishedId: 'b',
    rareWord: '验收通过率',
    rareTables: 1,
    commonTables: 10,
    year: 2024,
    departmentId: 'd',
    departmentName: '省教育厅',
    rareNameTableId: 'r',
  }).filter((e) => e.category === 'peers');
  expect(peers.map((e) => e.path)).toEqual(['/api/tables/a/peers', '/api/tables/r/peers']);
});
