import { expect, it } from 'vitest';
import type { Organisation } from './account.schema.ts';
import { organisationPaths } from './organisation-paths.ts';
import { organisationPath } from './policies.ts';

const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;

it('gives every id the path organisationPath gives, the unknown and the null id too', () => {
  const organisations: Organisation[] = [{ id: id(1), name: '财政', kind: 'finance', parentId: null }];
  for (let d = 0; d < 4; d++) {
    const dept = id(10 + d);
    organisations.push({ id: dept, name: `部门${d}`, kind: 'department', parentId: id(1) });
    for (let u = 0; u < 3; u++)
      organisations.push({ id: id(100 + d * 10 + u), name: `单位${d}${u}`, kind: 'unit', parentId: dept });
  }
  // A corrupt cycle must end too.
  organisations.push({ id: id(900), name: '环甲', kind: 'unit', parentId: id(901) });
  organisations.push({ id: id(901), name: '环乙', kind: 'department', parentId: id(900) });
  const pathOf = organisationPaths(organisations);
  for (const o of [...organisations.filter((x) => x.id < id(900)).map((x) => x.id), id(999), null]) {
    expect(pathOf(o)).toEqual(organisationPath(o, organisations));
    expect(pathOf(o)).toBe(pathOf(o));
  }
  expect(pathOf(id(112))).toEqual([id(112), id(11), id(1)]);
  expect(pathOf(id(900)).slice(0, 2)).toEqual([id(900), id(901)]);
});
