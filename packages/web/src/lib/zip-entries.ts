/**
 * The files of a .zip read in the browser for a batch import, without a library: the central directory
 * names the entries, each is stored or deflated (inflated by the platform's DecompressionStream). Folders,
 * hidden files (`__MACOSX/`, `.DS_Store`) and encrypted entries are left out; limits guard against zip
 * bombs: at most `maxEntries` files and `maxBytes` inflated in all.
 */
export interface ZipEntry {
  name: string;
  bytes: Uint8Array;
}

export class ZipError extends Error {
  constructor(
    readonly code: 'zip.unreadable' | 'zip.too_large',
    message: string,
  ) {
    super(message);
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });
const gbk = new TextDecoder('gbk');

/** Entry names are UTF-8 when flagged (bit 11), else in the packer's code page: GBK on Chinese Windows. */
function entryName(bytes: Uint8Array, utf8Flag: boolean): string {
  if (utf8Flag) return new TextDecoder('utf-8').decode(bytes);
  try {
    return utf8.decode(bytes);
  } catch {
    return gbk.decode(bytes);
  }
}

async function inflate(data: Uint8Array): Promise<Uint8Array> {
  const stream = new Blob([data as BlobPart]).stream().pipeThrough(new DecompressionStream('deflate-raw'));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

export async function readZip(
  zip: Uint8Array,
  limits: { maxEntries?: number; maxBytes?: number } = {},
): Promise<ZipEntry[]> {
  const maxEntries = limits.maxEntries ?? 500;
  const maxBytes = limits.maxBytes ?? 200 * 1024 * 1024;
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  // The end-of-central-directory record: within the last 64 KiB (its comment) + 22 bytes.
  let end = -1;
  for (let i = zip.length - 22; i >= Math.max(0, zip.length - 65_557); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      end = i;
      break;
    }
  }
  if (end < 0) throw new ZipError('zip.unreadable', 'not a zip file');
  const count = view.getUint16(end + 10, true);
  let offset = view.getUint32(end + 16, true);
  if (count > maxEntries) throw new ZipError('zip.too_large', `${count} entries`);
  const entries: ZipEntry[] = [];
  let total = 0;
  for (let k = 0; k < count; k++) {
    if (offset + 46 > zip.length || view.getUint32(offset, true) !== 0x02014b50) {
      throw new ZipError('zip.unreadable', 'damaged central directory');
    }
    const flags = view.getUint16(offset + 8, true);
    const method = view.getUint16(offset + 10, true);
    const compressed = view.getUint32(offset + 20, true);
    const size = view.getUint32(offset + 24, true);
    const nameLength = view.getUint16(offset + 28, true);
    const extraLength = view.getUint16(offset + 30, true);
    const commentLength = view.getUint16(offset + 32, true);
    const local = view.getUint32(offset + 42, true);
    const name = entryName(zip.subarray(offset + 46, offset + 46 + nameLength), (flags & 0x800) !== 0);
    offset += 46 + nameLength + extraLength + commentLength;
    const base = name.split('/').pop() ?? '';
    if (name.endsWith('/') || name.startsWith('__MACOSX/') || base.startsWith('.') || (flags & 1) !== 0)
      continue;
    total += size;
    if (total > maxBytes) throw new ZipError('zip.too_large', `more than ${maxBytes} bytes inflated`);
    if (view.getUint32(local, true) !== 0x04034b50)
      throw new ZipError('zip.unreadable', `damaged entry ${name}`);
    const start = local + 30 + view.getUint16(local + 26, true) + view.getUint16(local + 28, true);
    const data = zip.subarray(start, start + compressed);
    let bytes: Uint8Array;
    if (method === 0) bytes = data.slice();
    else if (method === 8) bytes = await inflate(data);
    else throw new ZipError('zip.unreadable', `entry ${name} uses compression method ${method}`);
    if (bytes.length !== size) throw new ZipError('zip.unreadable', `entry ${name} is damaged`);
    entries.push({ name: base, bytes });
  }
  return entries;
}
