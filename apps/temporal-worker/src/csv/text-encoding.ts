import { isUtf8 } from 'node:buffer';
import { open } from 'node:fs/promises';
import { Transform, type TransformCallback } from 'node:stream';

import type { FileEncoding } from '@sluice/shared';

const BOMS: readonly { bytes: readonly number[]; encoding: FileEncoding }[] = [
  { bytes: [0xef, 0xbb, 0xbf], encoding: 'utf-8' },
  { bytes: [0xff, 0xfe], encoding: 'utf-16le' },
  { bytes: [0xfe, 0xff], encoding: 'utf-16be' },
];

/** Bytes read at a time while checking that a whole file is UTF-8. */
const CHECK_BYTES = 1_024 ** 2;

/** Share of control characters above which a sample is taken for binary data, not text. */
const MAX_CONTROL_SHARE = 0.01;

/** The encoding a byte order mark at the start of `sample` announces, if any. */
export function encodingFromBom(sample: Uint8Array): FileEncoding | null {
  const match = BOMS.find(({ bytes }) => bytes.every((byte, index) => sample[index] === byte));

  return match?.encoding ?? null;
}

/**
 * The encoding of a file: its byte order mark if it has one; otherwise UTF-8 if every byte of
 * the file is valid UTF-8, else Windows-1252 (what spreadsheets in Western locales export).
 * The whole file is checked, streamed, so a stray accent on line 90,000 still counts.
 *
 * LIMITATION: other encodings (ISO-8859-2, Shift JIS, UTF-16 without a byte order mark) are not
 * recognised: they read as Windows-1252, or are refused as binary for their NUL bytes. An
 * operator can still choose among the four encodings Sluice knows.
 */
export async function detectEncoding(path: string, sample: Uint8Array): Promise<FileEncoding> {
  const announced = encodingFromBom(sample);
  if (announced) return announced;

  return (await isValidUtf8(path)) ? 'utf-8' : 'windows-1252';
}

/**
 * Checks the file with Node's native validator a megabyte at a time, carrying a character cut
 * at the end of one read over to the next: decoding it to text instead took about a second per
 * 60 MB. One buffer serves every read: a fresh buffer per read became garbage faster than V8
 * collected it, and a 60 MB file briefly added 60 MB to the worker's memory.
 */
async function isValidUtf8(path: string): Promise<boolean> {
  const handle = await open(path, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHECK_BYTES);
    let carried = 0;
    for (;;) {
      const { bytesRead } = await handle.read(buffer, carried, buffer.length - carried, null);
      // A file that ends in the middle of a character is not valid UTF-8.
      if (bytesRead === 0) return carried === 0;
      const filled = carried + bytesRead;
      const whole = completeCharactersLength(buffer.subarray(0, filled));
      if (!isUtf8(buffer.subarray(0, whole))) return false;
      buffer.copyWithin(0, whole, filled);
      carried = filled - whole;
    }
  } finally {
    await handle.close();
  }
}

/** Length of the longest start of `bytes` that does not end inside a multi-byte character. */
function completeCharactersLength(bytes: Buffer): number {
  for (let back = 1; back <= Math.min(4, bytes.length); back += 1) {
    const byte = bytes[bytes.length - back] as number;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;

    return length > back ? bytes.length - back : bytes.length;
  }

  // Only continuation bytes at the end: invalid whatever follows, so the validator decides.
  return bytes.length;
}

/** Decodes the start of a file; a character cut at the end of the sample is left out. */
export function decodeSample(sample: Uint8Array, encoding: FileEncoding): string {
  return new TextDecoder(encoding).decode(sample, { stream: true });
}

/**
 * Whether a sample holds binary data rather than text: a NUL byte outside UTF-16, or more
 * control characters than text ever has. Tab, line feed, carriage return and form feed are text.
 */
export function looksBinary(sample: Uint8Array, text: string, encoding: FileEncoding): boolean {
  if (!encoding.startsWith('utf-16') && sample.includes(0)) return true;
  let controls = 0;
  for (let index = 0; index < text.length; index += 1) {
    const code = text.charCodeAt(index);
    if (code === 0) return true;
    if (
      (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d && code !== 0x0c) ||
      code === 0x7f
    ) {
      controls += 1;
    }
  }

  return text.length > 0 && controls / text.length > MAX_CONTROL_SHARE;
}

/**
 * Turns a file in `encoding` into UTF-8 as it streams, holding at most one chunk, so csv-parse
 * reads every file alike. Drops a UTF-16 byte order mark. Counts the bytes read from the file.
 */
export class TranscodingStream extends Transform {
  private readonly decoder: TextDecoder;
  bytesIn = 0;

  constructor(encoding: FileEncoding) {
    super();
    this.decoder = new TextDecoder(encoding);
  }

  override _transform(chunk: Buffer, _encoding: string, done: TransformCallback): void {
    this.bytesIn += chunk.length;
    done(null, Buffer.from(this.decoder.decode(chunk, { stream: true }), 'utf8'));
  }

  override _flush(done: TransformCallback): void {
    done(null, Buffer.from(this.decoder.decode(), 'utf8'));
  }
}
