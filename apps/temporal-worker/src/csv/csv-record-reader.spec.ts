import { Readable } from 'node:stream';

import {
  detectDelimiter,
  InvalidHeaderError,
  readCsvRows,
  type ParsedRow,
} from './csv-record-reader';

async function readAll(text: string, delimiter = ',') {
  let header: string[] = [];
  const rows: ParsedRow[] = [];
  for await (const row of readCsvRows(Readable.from([Buffer.from(text)]), delimiter, (c) => {
    header = c;
  })) {
    rows.push(row);
  }

  return { header, rows };
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

  it('reports a malformed quote without quoting the field in the message', async () => {
    const { rows } = await readAll('a,b\n1,2\n"secret"x,3\n');

    const error = rows.find((row) => row.kind === 'error');
    expect(error).toMatchObject({ lineNumber: 3, columnNumber: 1 });
    expect(JSON.stringify(error)).not.toContain('secret');
  });

  it('refuses a header with a repeated column name', async () => {
    await expect(readAll('id,id\n1,2\n')).rejects.toThrow(InvalidHeaderError);
  });

  it('refuses an empty file', async () => {
    await expect(readAll('')).rejects.toThrow('The file is empty');
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
