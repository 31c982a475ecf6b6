import { demoPassword, ensureDemoAccounts } from '@jixiao/db/accounts-demo';
import type { Database } from '@jixiao/db/database';
import { hashPassword } from './password.ts';

let demoHash: Promise<string> | null = null;

/** Creates the demo organisations and users (password `jixiao2026`) unless they exist. */
export async function seedDemoAccounts(db: Database): Promise<void> {
  // One hash per process: argon2 is slow on purpose, and every demo user shares the password.
  demoHash ??= hashPassword(demoPassword);
  await ensureDemoAccounts(db, await demoHash);
}
