// word-extractor ships no types; this is the part of its API the .doc reader uses.
declare module 'word-extractor' {
  interface WordDocument {
    /** The main text; `filterUnicode: false` keeps Chinese quotation marks and dashes as written. */
    getBody(options?: { filterUnicode?: boolean }): string;
  }
  export default class WordExtractor {
    extract(source: string | Buffer): Promise<WordDocument>;
  }
}
