/**
 * From a file on disk to a stream of text chunks: gzip detected by its magic bytes (whatever the
 * name says), binary content refused before anything is parsed, UTF-8 decoded leniently so that
 * one bad byte costs one row (sent to quarantine by the reader), not the file.
 */
import fs from 'node:fs';
import { pipeline } from 'node:stream';
import zlib from 'node:zlib';
import { RingsideError } from '../../../shared/contract/errors.js';

const READ_CHUNK = 1 << 20;
/** How much of the decompressed start is inspected for binary content. */
const SNIFF_BYTES = 8192;

/** Reads the first `n` bytes of a file (fewer if it is shorter). */
export async function readHead(file: string, n: number): Promise<Buffer> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const buf = Buffer.alloc(n);
    const { bytesRead } = await handle.read(buf, 0, n, 0);
    return buf.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

/** Whether bytes start with the gzip magic (1f 8b). */
export function isGzipMagic(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

/** Whether bytes start with the Parquet magic `PAR1`. */
export function isParquetMagic(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31;
}

/**
 * The file's bytes, gunzipped when it starts with the gzip magic. A name ending in `.gz` without
 * the magic is refused (BAD_INPUT): a mislabelled file is more likely broken than plain text.
 * zlib errors (corrupt or truncated gzip) surface from the iteration as BAD_INPUT. `destroy()`
 * closes the file whether or not it was read to the end.
 */
export async function openBytes(
  file: string,
  name: string,
): Promise<{ bytes: AsyncIterable<Buffer>; gzip: boolean; destroy: () => void }> {
  const head = await readHead(file, 4);
  const gzip = isGzipMagic(head);
  if (!gzip && /\.gz$/i.test(name)) {
    throw new RingsideError('BAD_INPUT', 'it is named .gz but is not gzip data (no gzip header)');
  }
  const raw = fs.createReadStream(file, { highWaterMark: READ_CHUNK });
  if (!gzip) return { bytes: raw, gzip, destroy: () => raw.destroy() };
  const gunzip = zlib.createGunzip({ chunkSize: READ_CHUNK });
  // pipeline() tears both streams down together; its error reaches us through gunzip's iterator.
  pipeline(raw, gunzip, () => undefined);
  return {
    bytes: wrapGzipErrors(gunzip),
    gzip,
    destroy: () => {
      gunzip.destroy();
      raw.destroy();
    },
  };
}

async function* wrapGzipErrors(stream: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  try {
    for await (const chunk of stream) yield chunk as Buffer;
  } catch (err) {
    const code = (err as { code?: string }).code;
    if (typeof code === 'string' && code.startsWith('Z_')) {
      throw new RingsideError('BAD_INPUT', `its gzip data is corrupt or truncated (${(err as Error).message})`);
    }
    throw err;
  }
}

/**
 * Decodes bytes as UTF-8 text chunks. Invalid sequences become U+FFFD (the readers then send the
 * rows holding them to quarantine). Throws BAD_INPUT when the first 8 KiB look binary (a NUL
 * byte, or a Parquet/gzip header inside text): such a file is not the declared text format.
 */
export async function* decodeText(bytes: AsyncIterable<Buffer>, formatLabel: string): AsyncGenerator<string> {
  const decoder = new TextDecoder('utf-8', { fatal: false, ignoreBOM: false });
  let sniffed = false;
  for await (const chunk of bytes) {
    if (!sniffed) {
      sniffed = true;
      assertText(chunk.subarray(0, SNIFF_BYTES), formatLabel);
    }
    const text = decoder.decode(chunk, { stream: true });
    if (text.length > 0) yield text;
  }
  const rest = decoder.decode();
  if (rest.length > 0) yield rest;
}

function assertText(head: Buffer, formatLabel: string): void {
  if (isParquetMagic(head)) {
    throw new RingsideError(
      'BAD_INPUT',
      `it is a Parquet file, not ${formatLabel} (name it .parquet or set "format" in the manifest)`,
    );
  }
  if (isGzipMagic(head)) {
    throw new RingsideError('BAD_INPUT', `it holds gzip data inside gzip data, not ${formatLabel} text`);
  }
  const nul = head.indexOf(0);
  if (nul !== -1) {
    throw new RingsideError('BAD_INPUT', `it is binary data (a NUL byte at offset ${nul}), not ${formatLabel} text`);
  }
}
