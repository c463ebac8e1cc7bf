/** One parsed record as stored: values in header order. */
export interface StoredRecord {
  seq: number;
  lineNumber: number;
  fields: string[];
}

/** Text gathered before it is encoded: large enough for few buffers, small enough to die young. */
const SEAL_CHARS = 64 * 1024;

/**
 * Records as COPY's text format, encoded as they arrive. Holding a block's records as arrays of
 * field strings until the write kept them alive long enough to be copied into V8's old space,
 * which made garbage collection a quarter of a large file's parse.
 */
export class CopyRecordBlock {
  count = 0;
  private readonly sealed: Buffer[] = [];
  private text = '';

  constructor(private readonly batchId: string) {}

  add(record: StoredRecord): void {
    // JSON escapes every control character; COPY's text format then needs backslashes doubled.
    const fields = JSON.stringify(record.fields).replaceAll('\\', '\\\\');
    this.text += `${this.batchId}\t${record.seq}\t${record.lineNumber}\t${fields}\n`;
    this.count += 1;
    if (this.text.length >= SEAL_CHARS) this.seal();
  }

  /** The COPY input for `batch_id, seq, line_number, fields`. */
  encoded(): Buffer[] {
    this.seal();

    return this.sealed;
  }

  private seal(): void {
    if (this.text === '') return;
    this.sealed.push(Buffer.from(this.text, 'utf8'));
    this.text = '';
  }
}

/** Records kept as they are, for an INSERT of arrays (servers that take no COPY). */
export class InsertRecordBlock {
  readonly records: StoredRecord[] = [];

  get count(): number {
    return this.records.length;
  }

  add(record: StoredRecord): void {
    this.records.push(record);
  }
}

/** Parsed records on their way to PostgreSQL in one bulk write, held as that write needs. */
export type RecordBlock = CopyRecordBlock | InsertRecordBlock;
