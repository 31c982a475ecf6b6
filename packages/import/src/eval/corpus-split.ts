import { createHash } from 'node:crypto';

/**
 * The frozen train/test split of the grown real corpus (`packages/import/fixtures/corpus`). A document's
 * side is drawn from a hash of its source address and this seed, so it was fixed before the document was
 * read and cannot drift when documents are added or renamed. Rules are written against `train` only;
 * `test` is read by `npm run eval:import` and nothing else, bar the intake's check that a new document was
 * not filed before (it compares addresses and texts and prints only a count).
 */
export const CORPUS_SPLIT_SEED = 'jixiao-corpus-2026-12-06';

/** Share of documents drawn into the test split (kept above the required third). */
export const TEST_SHARE = 0.5;

/** The side of the split a document with this source address (or, without one, this text) falls on. */
export function splitOf(sourceUrlOrText: string): 'train' | 'test' {
  const normalised = sourceUrlOrText
    .trim()
    .toLowerCase()
    .replace(/^[a-z]+:\/\//, '')
    .replace(/^(www\.|m\.|wap\.)/, '')
    .replace(/\/+$/, '');
  const digest = createHash('sha256').update(`${CORPUS_SPLIT_SEED}:${normalised}`, 'utf8').digest();
  return digest.readUInt32BE(0) / 0x1_0000_0000 < TEST_SHARE ? 'test' : 'train';
}
