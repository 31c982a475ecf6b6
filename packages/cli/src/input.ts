import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { AppError } from '@jixiao/core/errors/app-error';

/** Inputs larger than this are refused before reading, so a mistaken argument cannot exhaust memory. */
export const maxInputBytes = 256 * 1024 * 1024;

/** One input of a command: a file on disk, standard input (`-`), or a document inside a .zip. */
export type InputSource =
  | { kind: 'stdin'; name: '-' }
  | { kind: 'file'; name: string }
  | { kind: 'zip-entry'; name: string; bytes: Uint8Array };

/**
 * Expands command-line arguments into inputs: `-` is stdin, a directory stands for the files in it
 * (recursively, sorted, hidden files skipped). Only paths are collected here; contents are read one
 * input at a time by `readInput`.
 */
export async function resolveInputs(args: readonly string[]): Promise<InputSource[]> {
  const inputs: InputSource[] = [];
  for (const arg of args) {
    if (arg === '-') {
      inputs.push({ kind: 'stdin', name: '-' });
      continue;
    }
    const info = await stat(arg).catch(() => undefined);
    if (!info) {
      throw new AppError('cli.input_not_found', `找不到输入文件：${arg}`, `Input file not found: ${arg}`, {
        file: arg,
      });
    }
    if (info.isDirectory()) inputs.push(...(await listFiles(arg)));
    else if (/\.zip$/i.test(arg)) inputs.push(...(await zipEntries(arg)));
    else inputs.push({ kind: 'file', name: arg });
  }
  return inputs;
}

/** The documents of a .zip given as an input, each named `archive.zip/path/in/zip`. */
async function zipEntries(path: string): Promise<InputSource[]> {
  const { filesInZip } = await import('@jixiao/import/batch/zip-files');
  const bytes = await readInput({ kind: 'file', name: path });
  return filesInZip(bytes, path).map((file) => ({
    kind: 'zip-entry',
    name: `${path}/${file.name}`,
    bytes: file.bytes,
  }));
}

async function listFiles(dir: string): Promise<InputSource[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const files: InputSource[] = [];
  for (const entry of entries) {
    if (entry.name.startsWith('.')) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...(await listFiles(path)));
    else if (entry.isFile()) files.push({ kind: 'file', name: path });
  }
  return files;
}

/**
 * Reads one input completely (the importer needs the whole document), refusing inputs above `limit`
 * before reading them (files) or as soon as the limit is passed (stdin).
 */
export async function readInput(input: InputSource, limit = maxInputBytes): Promise<Uint8Array> {
  if (input.kind === 'zip-entry') {
    if (input.bytes.length > limit) throw tooLarge(input.name, limit);
    return input.bytes;
  }
  if (input.kind === 'file') {
    const info = await stat(input.name);
    if (info.size > limit) throw tooLarge(input.name, limit);
  }
  const stream = input.kind === 'stdin' ? process.stdin : createReadStream(input.name);
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of stream) {
    const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    size += buffer.length;
    if (size > limit) {
      if (input.kind === 'file') stream.destroy();
      throw tooLarge(input.name, limit);
    }
    chunks.push(buffer);
  }
  return new Uint8Array(Buffer.concat(chunks, size));
}

function tooLarge(name: string, limit: number): AppError {
  const mib = limit / 1024 / 1024;
  return new AppError(
    'cli.input_too_large',
    `输入超过 ${mib} MiB，未读取：${name}`,
    `Input is larger than ${mib} MiB and was not read: ${name}`,
    { file: name },
  );
}

/** The text of one input, decoded as UTF-8 (with or without a byte-order mark). */
export async function readInputText(input: InputSource): Promise<string> {
  return new TextDecoder('utf-8').decode(await readInput(input));
}
