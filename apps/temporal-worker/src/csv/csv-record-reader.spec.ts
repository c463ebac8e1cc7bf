import { Readable } from 'node:stream';

import type { FileDelimiter, FileEncoding } from '@sluice/shared';

import {
  detectDelimiter,
  FileRefusedError,
  InvalidHeaderError,
  readCsvRows,
  type ParsedRow,
} from './csv-record-reader';

interface ReadOptions {
  delimiter?: FileDelimiter;
  encoding?: FileEncoding;
  maxRecordBytes?: number;
}

async function readBytes(bytes: Buffer, options: ReadOptions = {}) {
  let header: string[] = [];
  const rows: ParsedRow[] = [];
  const read = readCsvRows(
    // Small chunks, so characters and line breaks are split across chunk boundaries.
    Readable.from(chunks(bytes, 7)),
    { delimiter: ',', encoding: 'utf-8', maxRecordBytes: 2 * 1024 ** 2, ...options },
    (columns) => (header = columns),
  );
  for await (const row of read) rows.push(row);

  return { header, rows };
}

function readAll(text: string, delimiter: FileDelimiter = ',') {
  return readBytes(Buffer.from(text), { delimiter });
}

function chunks(bytes: Buffer, size: number): Buffer[] {
  const parts: Buffer[] = [];
  for (let start = 0; start < bytes.length; start += size) {
    parts.push(bytes.subarray(start, start + size));
  }

  return parts;
}

function records(rows: ParsedRow[]) {
  return rows.map((row) => (row.kind === 'record' ? [row.lineNumber, ...row.fields] : row));
}

describe('readCsvRows', () => {
  it('keeps quoted commas, quotes and newlines inside one field', async () => {
    const { header, rows } = await readAll('name,note\n"Doe, Jane","said ""hi""\nthen left"\n');

    expect(header).toEqual(['name', 'note']);
    expect(rows).toEqual([
      expect.objectContaining({
        kind: 'record',
        lineNumber: 2,
        fields: ['Doe, Jane', 'said "hi"\nthen left'],
      }),
    ]);
  });

  it('numbers each record by the line it starts on, across multi-line fields', async () => {
    const { rows } = await readAll('a,b\n"x\ny\nz",1\n2,3\n');

    expect(rows.map((row) => row.lineNumber)).toEqual([2, 5]);
  });

  it('strips a UTF-8 byte order mark from the first header name', async () => {
    const { header } = await readAll('\ufeffid,email\n1,a@example.test\n');

    expect(header).toEqual(['id', 'email']);
  });

  it('skips empty lines without shifting line numbers', async () => {
    const { rows } = await readAll('a,b\n\n1,2\n\n\n3,4\n');

    expect(rows.map((row) => [row.kind, row.lineNumber])).toEqual([
      ['record', 3],
      ['record', 6],
    ]);
  });

  it('reads CRLF line endings', async () => {
    const { rows } = await readAll('a,b\r\n1,2\r\n3,4\r\n');

    expect(rows.map((row) => (row.kind === 'record' ? row.fields : []))).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });

  it('reports a row with the wrong number of fields by line and column, and goes on', async () => {
    const { rows } = await readAll('a,b\n1,2,3\n4\n5,6\n');

    expect(rows).toEqual([
      expect.objectContaining({ kind: 'error', lineNumber: 2, columnNumber: 3 }),
      expect.objectContaining({ kind: 'error', lineNumber: 3, columnNumber: 2 }),
      expect.objectContaining({ kind: 'record', lineNumber: 4, fields: ['5', '6'] }),
    ]);
  });

  it('sets aside a row holding a NUL character, naming line and column', async () => {
    const { rows } = await readAll('a,b\n1,2\n3,x\u0000y\n5,6\n');

    expect(rows).toEqual([
      expect.objectContaining({ kind: 'record', lineNumber: 2 }),
      expect.objectContaining({ lineNumber: 3, columnNumber: 2, code: 'NUL_CHARACTER' }),
      expect.objectContaining({ kind: 'record', lineNumber: 4, fields: ['5', '6'] }),
    ]);
  });

  it('keeps stray quotes inside a field as characters and reads the next rows', async () => {
    const { rows } = await readAll('a,b\n1,5\'11"\n"x"y,3\n4,5\n');

    expect(records(rows)).toEqual([
      [2, '1', '5\'11"'],
      [3, '"x"y', '3'],
      [4, '4', '5'],
    ]);
  });

  it('reports a quote never closed at the line it opens, without quoting the field', async () => {
    const { rows } = await readAll('a,b\n1,2\n3,"secret\n4,5\n6,7\n');

    expect(records(rows)).toEqual([
      [2, '1', '2'],
      {
        kind: 'error',
        lineNumber: 3,
        columnNumber: 2,
        code: 'CSV_QUOTE_NOT_CLOSED',
        message: 'A quote opened in this row is never closed; lines 3 to 5 were read as one row',
      },
    ]);
    expect(JSON.stringify(rows)).not.toContain('secret');
  });

  it('refuses a header with a repeated column name, naming line 1 and the column', async () => {
    const read = readAll('id,name,id\n1,2,3\n');

    await expect(read).rejects.toThrow(InvalidHeaderError);
    await expect(read).rejects.toThrow(
      'Line 1, column 3: the header repeats the name "id" of column 1',
    );
  });

  it('refuses a header with an empty column name, naming line 1 and the column', async () => {
    await expect(readAll('id,,email\n1,2,3\n')).rejects.toThrow(
      'Line 1, column 2: the header column has no name',
    );
  });

  it('refuses an empty file', async () => {
    await expect(readAll('')).rejects.toThrow('The file is empty');
  });

  it('refuses a file with only empty lines', async () => {
    await expect(readAll('\n\r\n\n')).rejects.toThrow('The file is empty');
  });

  it('reads a header-only file as no records', async () => {
    const { header, rows } = await readAll('id,name\r\n');

    expect(header).toEqual(['id', 'name']);
    expect(rows).toEqual([]);
  });

  it('reads LF, CRLF and lone CR mixed in one file, with their line numbers', async () => {
    const { rows } = await readAll('a,b\r\n1,2\n3,4\r5,6\r\n\r\n7,8');

    expect(records(rows)).toEqual([
      [2, '1', '2'],
      [3, '3', '4'],
      [4, '5', '6'],
      [6, '7', '8'],
    ]);
  });

  it('keeps a CRLF inside a quoted field and numbers the rows after it right', async () => {
    const { rows } = await readAll('a,b\r\n1,"x\r\ny\r\nz"\r\n2,"say ""hi"""\r\n3,4\r\n');

    expect(records(rows)).toEqual([
      [2, '1', 'x\r\ny\r\nz'],
      [5, '2', 'say "hi"'],
      [6, '3', '4'],
    ]);
  });

  it('reads semicolon and tab delimited files', async () => {
    const semicolon = await readAll('a;b\n"1;5";2\n', ';');
    const tab = await readAll('a\tb\n1,5\t2\n', '\t');

    expect(records(semicolon.rows)).toEqual([[2, '1;5', '2']]);
    expect(records(tab.rows)).toEqual([[2, '1,5', '2']]);
  });

  it('reads a 1 MB field whole when it is under the row limit', async () => {
    const big = 'é'.repeat(512 * 1024);
    const { rows } = await readAll(`id,blob,end\n1,"${big}",x\n2,small,y\n`);

    expect(records(rows)).toEqual([
      [2, '1', big, 'x'],
      [3, '2', 'small', 'y'],
    ]);
  });

  it('stops at a row over the limit, naming the line and column where it starts', async () => {
    const csv = `id,blob\n1,a\n2,"${'z'.repeat(5_000)}"\n3,c\n`;
    const read = readBytes(Buffer.from(csv), { maxRecordBytes: 2_048 });

    await expect(read).rejects.toThrow(FileRefusedError);
    await expect(read).rejects.toThrow(
      /^Line 3, column 2: the row is larger than the limit of 2048 bytes/,
    );
  });

  it('reads UTF-16 LE and BE with their byte order marks into the same records', async () => {
    const text = 'name,city\r\nZoë,Zürich\r\n"Ana, M",São Paulo\r\n';
    const little = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
    const big = Buffer.from(little).swap16();

    const fromLittle = await readBytes(little, { encoding: 'utf-16le' });
    const fromBig = await readBytes(big, { encoding: 'utf-16be' });

    const expected = [
      [2, 'Zoë', 'Zürich'],
      [3, 'Ana, M', 'São Paulo'],
    ];
    expect(fromLittle.header).toEqual(['name', 'city']);
    expect(records(fromLittle.rows)).toEqual(expected);
    expect(fromBig.header).toEqual(['name', 'city']);
    expect(records(fromBig.rows)).toEqual(expected);
  });

  it('reads Windows-1252 accents right and counts the bytes of the file', async () => {
    // "René;€5" in Windows-1252: é is 0xE9 and € is 0x80.
    const row = [0x52, 0x65, 0x6e, 0xe9, 0x3b, 0x80, 0x35, 0x0a];
    const bytes = Buffer.from([...Buffer.from('name;note\n'), ...row]);

    const { header, rows } = await readBytes(bytes, { encoding: 'windows-1252', delimiter: ';' });

    expect(header).toEqual(['name', 'note']);
    expect(rows).toEqual([
      { kind: 'record', lineNumber: 2, fields: ['René', '€5'], bytesRead: bytes.length },
    ]);
  });
});
describe('detectDelimiter', () => {
  it.each([
    ['a;b;c\n1;2;3', ';'],
    ['a\tb\n1\t2', '\t'],
    ['a,b\n1,2', ','],
    ['"x;y",b,c\n', ','],
  ])('detects the delimiter of %j', (sample, expected) => {
    expect(detectDelimiter(sample)).toBe(expected);
  });
});
