import { CopyRecordBlock } from './record-block';

const BATCH_ID = '9f3c0a1e-0000-4000-8000-000000000001';

describe(CopyRecordBlock.name, () => {
  it('writes one COPY line per record, with control characters escaped by JSON', () => {
    const block = new CopyRecordBlock(BATCH_ID);

    block.add({ seq: 1, lineNumber: 2, fields: ['a\tb', 'line\nbreak', 'back\\slash'] });

    expect(Buffer.concat(block.encoded()).toString('utf8')).toBe(
      `${BATCH_ID}\t1\t2\t["a\\\\tb","line\\\\nbreak","back\\\\\\\\slash"]\n`,
    );
  });

  it('keeps every record, in order, across many encoded buffers', () => {
    const block = new CopyRecordBlock(BATCH_ID);
    const wide = 'é'.repeat(5_000);

    for (let seq = 1; seq <= 100; seq += 1) block.add({ seq, lineNumber: seq + 1, fields: [wide] });
    const buffers = block.encoded();
    const lines = Buffer.concat(buffers).toString('utf8').trimEnd().split('\n');

    expect(block.count).toBe(100);
    expect(buffers.length).toBeGreaterThan(1);
    expect(lines.map((line) => Number(line.split('\t')[1]))).toEqual(
      Array.from({ length: 100 }, (_, index) => index + 1),
    );
    expect(lines.every((line) => line.endsWith(`\t["${wide}"]`))).toBe(true);
  });
});
