/**
 * `npm run scale -- --tables N [--url postgres://…/jixiao_scale] [--seed S] [--grow]`: a province's
 * worth of generated tables in a PostgreSQL database of its own (dropped and created afresh; with
 * --grow, kept and filled up to N tables), for `npm run bench:scale`. See docs/scale.md.
 */
import { parseArgs } from 'node:util';
import { benchUsers, scalePassword } from './generate.ts';
import { defaultScaleUrl, generateScaleDatabase } from './scale-data.ts';

const { values } = parseArgs({
  options: {
    tables: { type: 'string', default: '2000' },
    url: { type: 'string', default: process.env.SCALE_DATABASE_URL ?? defaultScaleUrl },
    seed: { type: 'string', default: '2026' },
    workers: { type: 'string', default: '2' },
    grow: { type: 'boolean', default: false },
  },
});
const tables = Number(values.tables?.replace(/[_,]/g, ''));
const seed = Number(values.seed);
const workers = Number(values.workers);
if (!Number.isInteger(tables) || tables < 1 || !Number.isInteger(seed) || !(workers >= 1)) {
  console.error(
    'usage: npm run scale -- --tables N [--url postgres://…/jixiao_scale] [--seed S] [--workers W] [--grow]',
  );
  process.exit(2);
}
const report = await generateScaleDatabase({
  url: values.url!,
  tables,
  seed,
  workers,
  grow: values.grow,
  log: (m) => console.log(m),
});
console.log('rows:', report.counts);
console.log(
  `sign in as ${Object.values(benchUsers).join(', ')} (password ${scalePassword}); then npm run bench:scale -- --url ${values.url}`,
);
