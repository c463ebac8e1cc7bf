import { once } from 'node:events';
import { readdir } from 'node:fs/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { join } from 'node:path';

import { batchWorkflowId, type BatchView } from '@sluice/shared';

import { ApiClient } from '../../../tools/testing/api-client';
import { startSluiceStack, type SluiceStack } from '../../../tools/testing/sluice-stack';
import { WebhookReceiver } from '../../../tools/testing/webhook-receiver';

const MAX_UPLOAD_BYTES = 4 * 1024 ** 2;
const MAX_RECORDS = 50;

// The same three people in every encoding: accents, a quoted comma, CRLF line ends.
const PEOPLE = 'id,name,city\r\n1,Zoë Müller,Zürich\r\n2,"José, Núñez",São Paulo\r\n3,Ann,Åre\r\n';
const PEOPLE_RECORDS = [
  [2, { id: '1', name: 'Zoë Müller', city: 'Zürich' }],
  [3, { id: '2', name: 'José, Núñez', city: 'São Paulo' }],
  [4, { id: '3', name: 'Ann', city: 'Åre' }],
];

/** Windows-1252 bytes of `text`: Latin-1, plus the euro sign at 0x80. */
function windows1252(text: string): Buffer {
  return Buffer.from(Array.from(text, (char) => (char === '€' ? 0x80 : char.charCodeAt(0))));
}

function utf16be(text: string): Buffer {
  return Buffer.from(text, 'utf16le').swap16();
}

const BOUNDARY = 'sluice-test-boundary';

async function bodyOf(response: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of response) chunks.push(chunk as Buffer);

  return Buffer.concat(chunks).toString('utf8');
}

describe('hostile and broken files', () => {
  let stack: SluiceStack;
  let api: ApiClient;
  let receiver: WebhookReceiver;

  beforeAll(async () => {
    receiver = await new WebhookReceiver().start();
    stack = await startSluiceStack({
      apiEnv: { API_MAX_UPLOAD_BYTES: String(MAX_UPLOAD_BYTES) },
      workerEnv: { WORKER_MAX_RECORDS_PER_BATCH: String(MAX_RECORDS) },
    });
    api = new ApiClient(stack);
  });

  afterAll(async () => {
    await stack?.stop();
    await receiver?.stop();
  });

  async function parse(fileName: string, content: string | Uint8Array): Promise<BatchView> {
    const batch = await api.upload(fileName, content);

    return api.waitForPhase(batch.id, ['awaiting_approval', 'failed']);
  }

  async function recordsOf(batchId: string) {
    const { status, body } = await api.request('GET', `/api/batches/${batchId}/records?limit=500`);
    expect(status).toBe(200);

    return (body.items as { lineNumber: number; values: Record<string, string> }[]).map(
      (record) => [record.lineNumber, record.values],
    );
  }

  async function errorsOf(batchId: string) {
    const { body } = await api.request('GET', `/api/batches/${batchId}/errors?limit=500`);

    return body.items;
  }

  /**
   * Opens a multipart upload and sends the start of its file part, leaving the request open so
   * a test can see what the API answers before the client has finished sending.
   */
  function startRawUpload(headers: Record<string, string>) {
    const url = new URL('/api/batches', stack.apiUrl);
    const request = httpRequest(url, {
      method: 'POST',
      headers: {
        ...headers,
        authorization: `Bearer ${stack.token}`,
        'content-type': `multipart/form-data; boundary=${BOUNDARY}`,
      },
    });
    // The API may close the connection once it has answered; that is not a failure here.
    request.on('error', () => undefined);
    request.write(
      `--${BOUNDARY}\r\ncontent-disposition: form-data; name="file"; filename="big.csv"\r\n` +
        'content-type: text/csv\r\n\r\n',
    );

    return {
      response: once(request, 'response').then(([response]) => response as IncomingMessage),
      write: (bytes: Buffer) => request.write(bytes),
      get ended() {
        return request.writableEnded;
      },
      destroy: () => request.destroy(),
    };
  }

  async function reparse(batchId: string, choice: unknown) {
    return api.request('POST', `/api/batches/${batchId}/reparse`, choice);
  }

  describe('encodings', () => {
    it.each([
      ['UTF-8 without a byte order mark', Buffer.from(PEOPLE), 'utf-8'],
      ['UTF-8 with a byte order mark', Buffer.from(`\ufeff${PEOPLE}`), 'utf-8'],
      ['UTF-16 LE with a byte order mark', Buffer.from(`\ufeff${PEOPLE}`, 'utf16le'), 'utf-16le'],
      ['UTF-16 BE with a byte order mark', utf16be(`\ufeff${PEOPLE}`), 'utf-16be'],
      ['Windows-1252', windows1252(PEOPLE), 'windows-1252'],
    ])('reads %s into the exact records and shows the encoding', async (_, bytes, encoding) => {
      const batch = await parse('people.csv', bytes);

      expect(batch).toMatchObject({
        phase: 'awaiting_approval',
        counts: { records: 3, parseErrors: 0 },
        format: { encoding, delimiter: ',', columns: ['id', 'name', 'city'] },
      });
      expect(await recordsOf(batch.id)).toEqual(PEOPLE_RECORDS);
    });
  });

  describe('newlines, delimiters and quotes', () => {
    it('reads LF, CRLF and lone CR mixed in one file, numbering the lines', async () => {
      const batch = await parse('mixed.csv', 'id,name\n1,Ann\r\n2,Bob\r3,Cy\n\n4,Di');

      expect(batch.counts).toMatchObject({ records: 4, parseErrors: 0 });
      expect(await recordsOf(batch.id)).toEqual([
        [2, { id: '1', name: 'Ann' }],
        [3, { id: '2', name: 'Bob' }],
        [4, { id: '3', name: 'Cy' }],
        [6, { id: '4', name: 'Di' }],
      ]);
    });

    it.each([
      ['semicolons', 'id;name\n1;"Lee; Ann"\n2;Bob, Jr\n', ';'],
      ['tabs', 'id\tname\n1\tLee; Ann\n2\tBob, Jr\n', '\t'],
    ])('detects %s as the delimiter', async (_, csv, delimiter) => {
      const batch = await parse('delimited.csv', csv);

      expect(batch.format).toMatchObject({ delimiter, columns: ['id', 'name'] });
      expect(await recordsOf(batch.id)).toEqual([
        [2, { id: '1', name: 'Lee; Ann' }],
        [3, { id: '2', name: 'Bob, Jr' }],
      ]);
    });

    it('keeps quoted fields with newlines and doubled quotes whole', async () => {
      const csv = 'id,note\r\n1,"He said ""hi""\r\nand left"\r\n2,"a,b"\r\n3,"x\ny"\r\n';

      const batch = await parse('quoted.csv', csv);

      expect(await recordsOf(batch.id)).toEqual([
        [2, { id: '1', note: 'He said "hi"\r\nand left' }],
        [4, { id: '2', note: 'a,b' }],
        [5, { id: '3', note: 'x\ny' }],
      ]);
    });

    it('reports a quote never closed at its line and column, keeping rows before', async () => {
      const batch = await parse('unbalanced.csv', 'id,name\n1,Ann\n2,"Bob\n3,Cy\n');

      expect(batch).toMatchObject({ phase: 'awaiting_approval', counts: { parseErrors: 1 } });
      expect(await recordsOf(batch.id)).toEqual([[2, { id: '1', name: 'Ann' }]]);
      expect(await errorsOf(batch.id)).toEqual([
        {
          lineNumber: 3,
          columnNumber: 2,
          code: 'CSV_QUOTE_NOT_CLOSED',
          message: 'A quote opened in this row is never closed; lines 3 to 4 were read as one row',
        },
      ]);
    });

    it('reports rows with too many or too few fields by line and column', async () => {
      const batch = await parse('ragged.csv', 'id,name\n1,Ann,extra\n2\n3,Cy\n');

      expect(await recordsOf(batch.id)).toEqual([[4, { id: '3', name: 'Cy' }]]);
      expect(await errorsOf(batch.id)).toEqual([
        {
          lineNumber: 2,
          columnNumber: 3,
          code: 'FIELD_COUNT_MISMATCH',
          message: 'Expected 2 fields, found 3',
        },
        {
          lineNumber: 3,
          columnNumber: 2,
          code: 'FIELD_COUNT_MISMATCH',
          message: 'Expected 2 fields, found 1',
        },
      ]);
    });
  });

  describe('files refused whole', () => {
    it.each([
      ['an empty file', '', 'The file is empty: no header row'],
      ['a header only', 'id,name\r\n', 'The file has no records to send'],
      [
        'a repeated header name',
        'id,name,id\n1,Ann,2\n',
        'Line 1, column 3: the header repeats the name "id" of column 1',
      ],
      [
        'an empty header name',
        'id,,city\n1,Ann,Oslo\n',
        'Line 1, column 2: the header column has no name',
      ],
      [
        'a binary file named .csv',
        Buffer.from(Array.from({ length: 4096 }, (_, index) => (index * 37) % 256)),
        'The file is not a text CSV file: read as windows-1252, it holds binary data',
      ],
    ])('fails %s with a clear reason', async (_, content, reason) => {
      const batch = await parse('broken.csv', content);

      expect(batch).toMatchObject({ phase: 'failed', reason, counts: { records: 0 } });
    });

    it('refuses to approve or re-read a batch that failed', async () => {
      const batch = await parse('header-only.csv', 'id,name\n');

      const approval = await api.request('POST', `/api/batches/${batch.id}/approve`, {
        url: receiver.url,
      });
      const reread = await reparse(batch.id, { delimiter: ';' });

      expect(approval.status).toBe(409);
      expect(reread.status).toBe(409);
      expect(reread.body.code).toBe('BATCH_PHASE_CONFLICT');
    });

    it('fails a file with more records than a batch takes, naming the line', async () => {
      const rows = Array.from({ length: MAX_RECORDS + 10 }, (_, index) => `${index},x`);

      const batch = await parse('many.csv', `id,v\n${rows.join('\n')}\n`);

      expect(batch).toMatchObject({ phase: 'failed', counts: { records: 0, parseErrors: 0 } });
      expect(batch.reason).toMatch(/^Line 52: the file has more than 50 records/);
    });
  });

  describe('large fields and files', () => {
    it('reads a 1 MB field with quotes and newlines exactly', async () => {
      const blob = 'lorem ipsum, dolor "sit"\n'.repeat(42_000);
      const csv = `id,blob\n1,"${blob.replace(/"/g, '""')}"\n2,small\n`;

      const batch = await parse('big-field.csv', csv);

      expect(blob.length).toBeGreaterThan(1_000_000);
      expect(batch.counts).toMatchObject({ records: 2, parseErrors: 0 });
      expect(await recordsOf(batch.id)).toEqual([
        [2, { id: '1', blob }],
        [42_003, { id: '2', blob: 'small' }],
      ]);
    });

    it('fails a row over the row limit, naming its line and column', async () => {
      const csv = `id,blob\n1,a\n2,"${'y'.repeat(3_000_000)}"\n3,c\n`;

      const batch = await parse('huge-field.csv', csv);

      expect(batch).toMatchObject({ phase: 'failed', counts: { records: 0 } });
      expect(batch.reason).toMatch(
        /^Line 3, column 2: the row is larger than the limit of 2097152 bytes/,
      );
    });

    it('refuses a file over the upload limit with 413, keeps nothing, and serves on', async () => {
      const uploads = join(stack.dataDir, 'uploads');
      const before = await readdir(uploads);

      const refused = await api.tryUpload('too-big.csv', Buffer.alloc(MAX_UPLOAD_BYTES + 1, 0x61));

      expect(refused).toEqual({
        status: 413,
        body: {
          code: 'PAYLOAD_TOO_LARGE',
          message: `The file is larger than ${MAX_UPLOAD_BYTES} bytes`,
        },
      });
      expect(await readdir(uploads)).toEqual(before);
      const next = await parse('after.csv', 'id\n1\n');
      expect(next.phase).toBe('awaiting_approval');
    });

    it('answers 413 once past the limit, while the client is still sending', async () => {
      const uploads = join(stack.dataDir, 'uploads');
      const before = await readdir(uploads);
      // Chunked, so no length is declared: the refusal can only come from counting the bytes.
      const upload = startRawUpload({ 'transfer-encoding': 'chunked' });
      upload.write(Buffer.alloc(MAX_UPLOAD_BYTES + 256 * 1024, 0x61));

      const response = await upload.response;

      expect(response.statusCode).toBe(413);
      expect(upload.ended).toBe(false);
      upload.destroy();
      expect(await readdir(uploads)).toEqual(before);
    });

    it('refuses an upload declaring a length over the limit before reading it', async () => {
      const upload = startRawUpload({ 'content-length': String(100 * MAX_UPLOAD_BYTES) });

      const response = await upload.response;

      expect(response.statusCode).toBe(413);
      expect(JSON.parse(await bodyOf(response))).toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
      upload.destroy();
    });
  });

  describe('reading a file differently', () => {
    it('re-reads with another encoding, replacing the records, then back', async () => {
      const csv = 'id;name;price\r\n1;Zoë Müller;€5\r\n2;José Núñez;€7\r\n';
      const batch = await parse('semicolons-1252.csv', windows1252(csv));
      expect(batch.format).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });

      const asUtf8 = await reparse(batch.id, { encoding: 'utf-8' });
      const misread = await api.waitForPhase(batch.id, ['awaiting_approval']);
      const misreadRecords = await recordsOf(batch.id);
      await reparse(batch.id, { encoding: 'windows-1252' });
      const reread = await api.waitForPhase(batch.id, ['awaiting_approval']);

      expect(asUtf8.status).toBe(200);
      expect(asUtf8.body.phase).toBe('parsing');
      expect(misread.format).toMatchObject({ encoding: 'utf-8', delimiter: ';' });
      expect(misreadRecords).toEqual([
        [2, { id: '1', name: 'Zo\ufffd M\ufffdller', price: '\ufffd5' }],
        [3, { id: '2', name: 'Jos\ufffd N\ufffd\ufffdez', price: '\ufffd7' }],
      ]);
      expect(reread.format).toMatchObject({ encoding: 'windows-1252', delimiter: ';' });
      expect(reread.counts).toMatchObject({ records: 2, parseErrors: 0 });
      expect(await recordsOf(batch.id)).toEqual([
        [2, { id: '1', name: 'Zoë Müller', price: '€5' }],
        [3, { id: '2', name: 'José Núñez', price: '€7' }],
      ]);
      // The re-reads travel through workflow history as option names only.
      const history = await stack.temporal.workflow
        .getHandle(batchWorkflowId(batch.id))
        .fetchHistory();
      // Payloads come back base64-encoded; decode them as the Web UI would show them.
      const text = JSON.stringify(history, (key, value) =>
        key === 'data' && typeof value === 'string'
          ? Buffer.from(value, 'base64').toString('utf8')
          : value,
      );
      expect(text).toContain('windows-1252');
      expect(text).not.toMatch(/Zoë|Müller|José|Núñez|€5|Zo\ufffd/);
    });

    it('re-reads with another delimiter; no records left means no approval', async () => {
      const batch = await parse('tabs.csv', 'id\tname\n1\tLee, Ann\n');

      await reparse(batch.id, { delimiter: ',' });
      const wrong = await api.waitForPhase(batch.id, ['awaiting_approval']);
      const wrongErrors = await errorsOf(batch.id);
      const approval = await api.request('POST', `/api/batches/${batch.id}/approve`, {
        url: receiver.url,
      });
      await reparse(batch.id, { delimiter: '\t' });
      const right = await api.waitForPhase(batch.id, ['awaiting_approval']);

      expect(wrong).toMatchObject({
        reason: 'The file has no records to send',
        counts: { records: 0, parseErrors: 1 },
        format: { delimiter: ',', encoding: 'utf-8', columns: ['id\tname'] },
      });
      expect(wrongErrors).toEqual([expect.objectContaining({ lineNumber: 2, columnNumber: 2 })]);
      expect(approval.status).toBe(409);
      expect(approval.body.message).toBe('Refused because the batch has no records to send');
      expect(right).toMatchObject({ reason: null, counts: { records: 1, parseErrors: 0 } });
      expect(await recordsOf(batch.id)).toEqual([[2, { id: '1', name: 'Lee, Ann' }]]);
      expect(await errorsOf(batch.id)).toEqual([]);
    });

    it('refuses a choice the file cannot be read with, keeping the records', async () => {
      const batch = await parse('utf16.csv', Buffer.from(`\ufeff${PEOPLE}`, 'utf16le'));

      const refused = await reparse(batch.id, { encoding: 'utf-8' });
      const after = await api.getBatch(batch.id);

      expect(refused.status).toBe(400);
      expect(refused.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        message: 'The file is not a text CSV file: read as utf-8, it holds binary data',
      });
      expect(after).toMatchObject({
        phase: 'awaiting_approval',
        format: { encoding: 'utf-16le' },
        counts: { records: 3 },
      });
      expect(await recordsOf(batch.id)).toEqual(PEOPLE_RECORDS);
    });

    it('refuses unknown values with 400, naming them', async () => {
      const batch = await parse('plain.csv', 'id\n1\n');

      const refused = await reparse(batch.id, { encoding: 'ebcdic', delimiter: ':' });

      expect(refused.status).toBe(400);
      expect(refused.body.issues.map((issue: { field: string }) => issue.field)).toEqual([
        'encoding',
        'delimiter',
      ]);
    });
  });

  // Last, because it proves the receiver would have seen a request had any been sent.
  describe('approval', () => {
    it('sent nothing before approval, then the exact accented records once approved', async () => {
      expect(receiver.count).toBe(0);
      const batch = await parse('approved.csv', utf16be(`\ufeff${PEOPLE}`));

      const approval = await api.request('POST', `/api/batches/${batch.id}/approve`, {
        url: receiver.url,
        ratePerSecond: 100,
      });
      await api.waitForPhase(batch.id, ['completed']);

      expect(approval.status).toBe(200);
      const bodies = receiver.received.map((webhook) => JSON.parse(webhook.body));
      expect(bodies.sort((a, b) => Number(a.id) - Number(b.id))).toEqual(
        PEOPLE_RECORDS.map(([, values]) => values),
      );
    });
  });
});
