import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

/** One parsed record as stored: values in header order. */
export interface StoredRecord {
  seq: number;
  lineNumber: number;
  fields: string[];
}

/** Records of a batch, written in bulk by the parser and read by the preview. */
@Injectable()
export class RecordRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Inserts many records in one statement; arrays keep the parameter count at four. */
  async insertMany(batchId: string, records: StoredRecord[]): Promise<void> {
    if (records.length === 0) return;
    await this.dataSource.query(
      `INSERT INTO records (batch_id, seq, line_number, fields)
       SELECT $1, r.seq, r.line_number, r.fields
       FROM unnest($2::int[], $3::int[], $4::jsonb[]) AS r (seq, line_number, fields)`,
      [
        batchId,
        records.map((record) => record.seq),
        records.map((record) => record.lineNumber),
        records.map((record) => JSON.stringify(record.fields)),
      ],
    );
  }

  /** Removes what a failed parse attempt wrote past its last checkpoint. */
  async deleteAfter(batchId: string, seq: number): Promise<void> {
    await this.dataSource.query(`DELETE FROM records WHERE batch_id = $1 AND seq > $2`, [
      batchId,
      seq,
    ]);
  }

  async page(batchId: string, offset: number, limit: number): Promise<StoredRecord[]> {
    const rows: { seq: number; line_number: number; fields: string[] }[] =
      await this.dataSource.query(
        `SELECT seq, line_number, fields FROM records
         WHERE batch_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
        [batchId, offset, limit],
      );

    return rows.map((row) => ({ seq: row.seq, lineNumber: row.line_number, fields: row.fields }));
  }
}
