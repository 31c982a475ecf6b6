import type { Database } from './database.ts';

/**
 * The id of the first-created draft of `unit` named `name`, or null: the demo moves the seed's tables
 * through their life by name, and the seed is imported before the corpus, so the first one is the seed's.
 */
export async function firstDraftNamed(db: Database, name: string, unit: string): Promise<string | null> {
  const row = await db
    .selectFrom('target_tables')
    .select('id')
    .where('name', '=', name)
    .where('unit', '=', unit)
    .where('status', '=', 'draft')
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .executeTakeFirst();
  return row?.id ?? null;
}
