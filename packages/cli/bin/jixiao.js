#!/usr/bin/env node
// The CLI runs from TypeScript source (the repo has no build step): register tsx's ESM loader first,
// then load the entry point. Keep this file plain JavaScript so `npx jixiao` works right after `npm ci`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/main.ts');
await main(process.argv);
