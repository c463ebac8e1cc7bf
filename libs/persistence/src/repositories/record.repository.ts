import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

import { Injectable } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';

import { CopyRecordBlock, type RecordBlock, type StoredRecord } from './record-block';

/** Records of a batch, written in bulk by the parser and read by the preview. */
@Injectable()
export class RecordRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Writes a block of records as one statement: COPY, or one INSERT of arrays. */
  async write(batchId: string, block: RecordBlock): Promise<void> {
    if (block.count === 0) return;
    if (block instanceof CopyRecordBlock) await this.copy(block);
    else await this.insert(batchId, block.records);
  }

  /** COPY is several times faster than a multi-row INSERT for the blocks parsing produces. */
  private async copy(block: CopyRecordBlock): Promise<void> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      await pipeline(
        Readable.from(block.encoded()),
        client.query(copyFrom('COPY records (batch_id, seq, line_number, fields) FROM STDIN')),
      );
    } finally {
      await runner.release();
    }
  }

  /**
   * The same in one INSERT, for servers that do not take COPY from a client (the embedded
   * PGlite behind `npm start`); arrays keep the parameter count at four.
   */
  private async insert(batchId: string, records: StoredRecord[]): Promise<void> {
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
