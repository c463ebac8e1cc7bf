import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { FileRefusedError } from '../csv/csv-record-reader';
import { sniffFile } from './file-sniffer';

const MAX_RECORD_BYTES = 2 * 1024 ** 2;

describe('sniffFile', () => {
  let dir: string;
  let count = 0;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sluice-sniff-'));
  });

  afterAll(() => rm(dir, { recursive: true, force: true }));

  async function fileWith(bytes: Buffer | string): Promise<string> {
    count += 1;
    const path = join(dir, `${count}.csv`);
    await writeFile(path, bytes);

    return path;
  }

  it('detects a Windows-1252 file with semicolons', async () => {
    const path = await fileWith(Buffer.from([...Buffer.from('name;city\nRen'), 0xe9, 0x3b, 0x41]));

    await expect(sniffFile(path, {}, MAX_RECORD_BYTES)).resolves.toEqual({
      encoding: 'windows-1252',
      delimiter: ';',
    });
  });

  it('detects a UTF-16 LE file with tabs from its byte order mark', async () => {
    const text = Buffer.from('\ufeffid\tname\r\n1\tZoë\r\n', 'utf16le');

    await expect(sniffFile(await fileWith(text), {}, MAX_RECORD_BYTES)).resolves.toEqual({
      encoding: 'utf-16le',
      delimiter: '\t',
    });
  });

  it('keeps what the operator chose over what it would detect', async () => {
    const path = await fileWith('a;b,c\n1;2,3\n');

    await expect(
      sniffFile(path, { encoding: 'windows-1252', delimiter: ',' }, MAX_RECORD_BYTES),
    ).resolves.toEqual({ encoding: 'windows-1252', delimiter: ',' });
  });

  it('refuses a binary file renamed .csv', async () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49]);

    await expect(sniffFile(await fileWith(png), {}, MAX_RECORD_BYTES)).rejects.toThrow(
      new FileRefusedError(
        'The file is not a text CSV file: read as windows-1252, it holds binary data',
      ),
    );
  });

  it('refuses a UTF-16 file read as UTF-8, whose NUL bytes show it is not that', async () => {
    const path = await fileWith(Buffer.from('id,name\r\n1,Ann\r\n', 'utf16le'));

    await expect(sniffFile(path, { encoding: 'utf-8' }, MAX_RECORD_BYTES)).rejects.toThrow(
      'not a text CSV file',
    );
  });

  it('refuses an empty file', async () => {
    await expect(sniffFile(await fileWith(''), {}, MAX_RECORD_BYTES)).rejects.toThrow(
      'The file is empty',
    );
  });

  it('refuses a header with a repeated name before reading on', async () => {
    const path = await fileWith(`id,email,id\n${'1,a@example.test,2\n'.repeat(10_000)}`);

    await expect(sniffFile(path, {}, MAX_RECORD_BYTES)).rejects.toThrow(
      'Line 1, column 3: the header repeats the name "id" of column 1',
    );
  });
});
