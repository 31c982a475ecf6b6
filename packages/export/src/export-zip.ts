import { PassThrough } from 'node:stream';
import { Zip, ZipPassThrough } from 'fflate';

/**
 * Names made unique for one folder: the second `a.xlsx` becomes `a (2).xlsx`. Compared without case,
 * since Windows and macOS unzip `A.xlsx` and `a.xlsx` onto the same file.
 */
export class UniqueNames {
  readonly #taken = new Set<string>();

  take(name: string): string {
    const dot = name.lastIndexOf('.');
    const stem = dot > 0 ? name.slice(0, dot) : name;
    const extension = dot > 0 ? name.slice(dot) : '';
    let candidate = name;
    for (let n = 2; this.#taken.has(candidate.toLowerCase()); n++) candidate = `${stem} (${n})${extension}`;
    this.#taken.add(candidate.toLowerCase());
    return candidate;
  }
}

/**
 * A zip written while its files are still being made: a batch of 200 printed PDFs is ~90 MiB and takes
 * over a minute, so the download starts with the first file and only one or two files are in memory at a
 * time (no size cap needed). Entries are stored, not deflated: PDF, xlsx and docx are compressed already.
 * fflate marks non-ASCII names as UTF-8 (read as Chinese by Windows Explorer, macOS, 7-Zip, unzip);
 * streamed entries carry their sizes after the data (the central directory has them too).
 */
export class ZipStream {
  /** The zip's bytes as they are produced: the response body. */
  readonly output = new PassThrough();
  readonly #names = new UniqueNames();
  readonly #zip = new Zip((error, chunk, final) => {
    if (error) {
      this.output.destroy(error);
      return;
    }
    if (!this.output.destroyed) this.output.write(chunk);
    if (final && !this.output.destroyed) this.output.end();
  });

  /** False once the reader went away (the client closed the download) or the zip was aborted. */
  get open(): boolean {
    return !this.output.destroyed;
  }

  /** Adds one whole file; waits while the reader is behind, so a slow client does not fill memory. */
  async add(name: string, bytes: Uint8Array): Promise<void> {
    const entry = new ZipPassThrough(this.#names.take(name));
    // Made on Unix, mode rw-r--r--: Info-ZIP unzip reads an MS-DOS entry's UTF-8 name as a code page
    // (mojibake on Linux) even with the UTF-8 flag; a Unix entry's name it takes as written.
    entry.os = 3;
    entry.attrs = 0o100644 << 16;
    this.#zip.add(entry);
    entry.push(bytes, true);
    // Word and Excel files render without waiting on I/O: give the socket a turn so they stream too.
    await new Promise((resolve) => setImmediate(resolve));
    if (!this.output.writableNeedDrain || this.output.destroyed) return;
    await new Promise<void>((resolve) => {
      const done = () => {
        this.output.off('drain', done);
        this.output.off('close', done);
        resolve();
      };
      this.output.on('drain', done);
      this.output.on('close', done);
    });
  }

  /** Writes the central directory and ends the output. */
  end(): void {
    this.#zip.end();
  }

  /** Stops mid-way: the reader sees a broken download rather than a zip that looks complete. */
  abort(error: Error): void {
    this.#zip.terminate();
    this.output.destroy(error);
  }
}
