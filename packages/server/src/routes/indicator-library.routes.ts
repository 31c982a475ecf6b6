import { builtInLibrary } from '@jixiao/core/library/builtin-library';
import { commonIndicators, mergeLibrary, searchLibrary } from '@jixiao/core/library/indicator-library';
import {
  type LibraryEntry,
  libraryEntryInputSchema,
  libraryEntrySchema,
  libraryListSchema,
  libraryQuerySchema,
} from '@jixiao/core/library/indicator-library.schema';
import type { Database } from '@jixiao/db/database';
import { listLibraryEntries, listPublishedIndicators } from '@jixiao/db/indicator-library.repository';
import { publishedFingerprint } from '@jixiao/db/tables.repository';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { authorize, signedIn } from '../auth/authorize.ts';
import { callerOf } from '../auth/caller.ts';
import { addLibraryEntry, changeLibraryEntry } from '../use-cases/indicator-library.ts';
import { keptByKey } from './kept-by-key.ts';

// The indicator library (指标库): every signed-in user searches it while writing a table (built-in entries,
// those the administrators keep, and 常用指标 counted in published tables, each marked with its source);
// administrators (library.manage) add and change entries. Entries are switched off, never deleted.

/** 常用指标 counted in published tables (kept by the caller until a publication changes them). */
async function commonEntries(db: Database): Promise<LibraryEntry[]> {
  return commonIndicators(await listPublishedIndicators(db));
}

export const indicatorLibraryRoutes: FastifyPluginAsyncZod = async (app) => {
  // Recounted only when a publication changed the published versions: counting reads every published
  // table, which must not happen on each keystroke of an author's search.
  const keptCommon = keptByKey<LibraryEntry[]>();
  app.get(
    '/indicator-library',
    {
      onRequest: signedIn,
      schema: {
        tags: ['library'],
        summary: 'Search the indicator library (指标库): built-in, administrators’ and 常用 entries',
        description:
          'Words of q must each occur in the name, levels, tags or notes (NFKC, case-insensitive); level filters compare framework categories, so 产出目标 finds 产出指标 entries. 常用 entries are indicators used by at least two published tables; a built-in or stored entry used by published tables carries their count in usedBy.',
        querystring: libraryQuerySchema,
        response: { 200: libraryListSchema },
      },
    },
    async (request) => {
      const { limit, ...search } = request.query;
      const [stored, common] = await Promise.all([
        listLibraryEntries(app.db),
        keptCommon(await publishedFingerprint(app.db), () => commonEntries(app.db)),
      ]);
      const found = searchLibrary(mergeLibrary(stored, builtInLibrary, common), search);
      return { items: found.slice(0, limit), total: found.length };
    },
  );

  app.post(
    '/indicator-library',
    {
      onRequest: authorize('library.manage'),
      schema: {
        tags: ['library'],
        summary: 'Add an indicator library entry (admins)',
        body: libraryEntryInputSchema,
        response: { 201: libraryEntrySchema },
      },
    },
    async (request, reply) => {
      const entry = await addLibraryEntry(app.db, callerOf(request), request.body);
      reply.code(201);
      return entry;
    },
  );

  app.put(
    '/indicator-library/:id',
    {
      onRequest: authorize('library.manage'),
      schema: {
        tags: ['library'],
        summary: 'Change or switch off (active: false) an administrator’s library entry (admins)',
        description: 'Built-in entries ship with Jixiao and are not edited here: add an entry of your own.',
        params: z.object({ id: z.string().min(1).max(200) }),
        body: libraryEntryInputSchema,
        response: { 200: libraryEntrySchema },
      },
    },
    async (request) => changeLibraryEntry(app.db, callerOf(request), request.params.id, request.body),
  );
};
