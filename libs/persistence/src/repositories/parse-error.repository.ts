import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

import { ParseErrorEntity } from '../entities/parse-error.entity';

export interface NewParseError {
  lineNumber: number;
  columnNumber: number | null;
  code: string;
  message: string;
}

/** Rows that could not become records, by line and column. */
@Injectable()
export class ParseErrorRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insertMany(batchId: string, errors: NewParseError[]): Promise<void> {
    if (errors.length === 0) return;
    await this.dataSource
      .getRepository(ParseErrorEntity)
      .insert(errors.map((error) => ({ ...error, batchId })));
  }

  /** Removes what a failed parse attempt wrote past its last checkpoint. */
  async deleteAfterLine(batchId: string, lineNumber: number): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM parse_errors WHERE batch_id = $1 AND line_number > $2`,
      [batchId, lineNumber],
    );
  }

  async page(batchId: string, offset: number, limit: number) {
    const [items, total] = await this.dataSource.getRepository(ParseErrorEntity).findAndCount({
      where: { batchId },
      order: { lineNumber: 'ASC', id: 'ASC' },
      skip: offset,
      take: limit,
    });

    return { items, total };
  }
}
