// Writes (or with --check, verifies) the JSON Schema generated from the zod table schema,
// so the checked-in document can never drift from the source of truth.
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { tableJsonSchema } from '../packages/core/src/tables/table.json-schema.ts';

const out = fileURLToPath(new URL('../packages/core/schema/performance-table.schema.json', import.meta.url));
const text = `${JSON.stringify(tableJsonSchema(), null, 2)}\n`;

if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(out, 'utf8');
  } catch {
    // a missing file is simply out of date
  }
  if (current !== text) {
    console.error(
      'JSON Schema 已过期，请运行 npm run schema:generate / JSON Schema is out of date: run npm run schema:generate',
    );
    process.exit(1);
  }
  console.log('JSON Schema is current');
} else {
  writeFileSync(out, text);
  console.log(`wrote ${out}`);
}
