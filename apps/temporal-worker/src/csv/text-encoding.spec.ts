import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { text as readText } from 'node:stream/consumers';

import {
  decodeSample,
  detectEncoding,
  encodingFromBom,
  looksBinary,
  TranscodingStream,
} from './text-encoding';

describe('detectEncoding', () => {
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sluice-encoding-'));
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function detect(bytes: Buffer) {
    const path = join(dir, `${Math.random().toString(36).slice(2)}.csv`);
    await writeFile(path, bytes);

    return detectEncoding(path, bytes.subarray(0, 64 * 1024));
  }

  it.each([
    [[0xef, 0xbb, 0xbf], 'utf-8'],
    [[0xff, 0xfe], 'utf-16le'],
    [[0xfe, 0xff], 'utf-16be'],
  ] as const)('follows the byte order mark %j', async (bom, expected) => {
    await expect(detect(Buffer.from([...bom, 0x61, 0x00]))).resolves.toBe(expected);
  });

  it('takes a file of valid UTF-8 without a byte order mark as UTF-8', async () => {
    await expect(detect(Buffer.from('name\nZoë\n'))).resolves.toBe('utf-8');
  });

  it('falls back to Windows-1252 when a byte past the sample is not UTF-8', async () => {
    const head = Buffer.from(`name\n${'plain\n'.repeat(20_000)}`);

    await expect(detect(Buffer.concat([head, Buffer.from([0x52, 0xe9, 0x0a])]))).resolves.toBe(
      'windows-1252',
    );
  });

  it('takes UTF-8 characters that straddle a read of the file as UTF-8', async () => {
    // Reads are 1 MiB: shift a run of four-byte characters across every possible cut.
    for (const shift of [0, 1, 2, 3]) {
      const filler = Buffer.alloc(1_024 ** 2 - 2 - shift, 'a');
      const text = Buffer.concat([filler, Buffer.from('😀é€😀\n')]);

      await expect(detect(text)).resolves.toBe('utf-8');
    }
  });

  it('takes a file ending inside a multi-byte character as Windows-1252', async () => {
    await expect(detect(Buffer.from('name\nab€').subarray(0, -1))).resolves.toBe('windows-1252');
  });

  it('reads a bare UTF-8 multi-byte character cut by the sample end as UTF-8', () => {
    const sample = Buffer.from('ab€').subarray(0, 4);

    expect(decodeSample(sample, 'utf-8')).toBe('ab');
  });
});

describe('encodingFromBom', () => {
  it('finds no encoding in a file without a byte order mark', () => {
    expect(encodingFromBom(Buffer.from('id,name'))).toBeNull();
  });
});

describe('looksBinary', () => {
  it('takes a sample with NUL bytes for binary data', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]);

    expect(looksBinary(png, decodeSample(png, 'windows-1252'), 'windows-1252')).toBe(true);
  });

  it('takes text full of control characters for binary data', () => {
    const noise = Buffer.from(Array.from({ length: 400 }, (_, index) => (index % 7) + 1));

    expect(looksBinary(noise, decodeSample(noise, 'utf-8'), 'utf-8')).toBe(true);
  });

  it('takes UTF-16 text, whose bytes include NULs, for text', () => {
    const bytes = Buffer.from('id,name\r\n1,Zoë\r\n', 'utf16le');

    expect(looksBinary(bytes, decodeSample(bytes, 'utf-16le'), 'utf-16le')).toBe(false);
  });

  it('takes tabs, line breaks and form feeds for text', () => {
    const bytes = Buffer.from('a\tb\r\n1\t2\f\n');

    expect(looksBinary(bytes, decodeSample(bytes, 'utf-8'), 'utf-8')).toBe(false);
  });
});

describe(TranscodingStream.name, () => {
  it('turns UTF-16 BE split at odd bytes into UTF-8, dropping the byte order mark', async () => {
    const source = Buffer.from([0xfe, 0xff, ...Buffer.from('Zoë;€', 'utf16le').swap16()]);
    const parts = [source.subarray(0, 3), source.subarray(3, 6), source.subarray(6)];
    const stream = new TranscodingStream('utf-16be');

    const result = await readText(Readable.from(parts).pipe(stream));

    expect(result).toBe('Zoë;€');
    expect(stream.bytesIn).toBe(source.length);
  });
});
