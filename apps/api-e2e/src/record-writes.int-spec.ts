import { ApiClient } from '../../../tools/testing/api-client';
import { startSluiceStack } from '../../../tools/testing/sluice-stack';
import { peopleCsv } from './csv-fixtures';

// `npm start`'s embedded PGlite does not take COPY from a client, so its worker stores parsed
// records by INSERT; both ways must store the same records.
describe.each(['copy', 'insert'])('records stored by %s', (recordWrites) => {
  it('keeps every record of a file, with its line, as the preview shows it', async () => {
    const stack = await startSluiceStack({ workerEnv: { WORKER_RECORD_WRITES: recordWrites } });
    try {
      const api = new ApiClient(stack);
      // More rows than one bulk write holds, with quotes, commas and line breaks in fields.
      const { csv, rows } = peopleCsv(25_000);
      const batch = await api.upload('people.csv', csv);
      const parsed = await api.waitForPhase(batch.id, ['awaiting_approval']);
      const last = await api.request('GET', `/api/batches/${batch.id}/records?offset=24998`);
      // The header is line 1; a note with a line break takes two lines.
      const lineOf = (index: number) =>
        2 + rows.slice(0, index).reduce((lines, row) => lines + row.note.split('\n').length, 0);

      expect(parsed.counts).toMatchObject({ records: 25_000, parseErrors: 0 });
      expect(last.body.items).toEqual([
        expect.objectContaining({ seq: 24_999, lineNumber: lineOf(24_998), values: rows[24_998] }),
        expect.objectContaining({ seq: 25_000, lineNumber: lineOf(24_999), values: rows[24_999] }),
      ]);
    } finally {
      await stack.stop();
    }
  });
});
