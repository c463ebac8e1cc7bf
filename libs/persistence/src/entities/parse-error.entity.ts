import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A row of the file that could not become a record. */
@Entity({ name: 'parse_errors' })
export class ParseErrorEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id!: string;

  @Column({ name: 'batch_id', type: 'uuid' })
  batchId!: string;

  @Column({ name: 'line_number', type: 'integer' })
  lineNumber!: number;

  @Column({ name: 'column_number', type: 'integer', nullable: true })
  columnNumber!: number | null;

  @Column({ type: 'text' })
  code!: string;

  @Column({ type: 'text' })
  message!: string;
}
