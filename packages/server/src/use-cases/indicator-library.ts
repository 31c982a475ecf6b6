import type { LibraryEntry, LibraryEntryInput } from '@jixiao/core/library/indicator-library.schema';
import type { Database } from '@jixiao/db/database';
import { insertLibraryEntry, replaceLibraryEntry } from '@jixiao/db/indicator-library.repository';
import type { Caller } from '../auth/caller.ts';
import { authorisedWrite } from './audited-write.ts';

// The indicator library's entries that administrators keep (library.manage): each change is written with
// its audit entry in one transaction. Entries are switched off, never deleted.

/** An administrator adds an entry (POST /api/indicator-library): `library.create`; 409 `library.duplicate`. */
export async function addLibraryEntry(
  db: Database,
  caller: Caller,
  input: LibraryEntryInput,
): Promise<LibraryEntry> {
  const { entry } = await authorisedWrite(
    db,
    caller,
    'library.manage',
    (trx, actor) => insertLibraryEntry(trx, input, actor),
    ({ entry, fields }) => ({
      action: 'library.create',
      entity: 'indicator_library',
      entityId: entry.id,
      diff: fields,
    }),
  );
  return entry;
}

/**
 * An administrator changes entry `id` (PUT /api/indicator-library/:id): `library.update` with before and
 * after, or `library.deactivate` when the change switches it off.
 */
export async function changeLibraryEntry(
  db: Database,
  caller: Caller,
  id: string,
  input: LibraryEntryInput,
): Promise<LibraryEntry> {
  const { entry } = await authorisedWrite(
    db,
    caller,
    'library.manage',
    (trx, actor) => replaceLibraryEntry(trx, id, input, actor),
    ({ before, fields }) => ({
      // Switching an entry off is what administrators look for in the log, so it has its own action.
      action: before.active && !fields.active ? 'library.deactivate' : 'library.update',
      entity: 'indicator_library',
      entityId: id,
      diff: { before: { ...before, updatedAt: undefined }, after: fields },
    }),
  );
  return entry;
}
