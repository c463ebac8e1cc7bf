import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Records and deliveries lose their foreign keys (to batches, and to records): PostgreSQL
 * checked them for every row a parse or an approval stored, which took longer than storing the
 * rows (COPY of a million records: 4.1 s with the key, 1.6 s without). Only the parser writes
 * records, for a batch it has just read, and deliveries are made from those records, so the
 * checks guarded nothing; what the keys also gave, deleting both with their batch, a trigger
 * keeps. Attempts still cascade from deliveries by their key.
 */
export class RecordsCascadeByTrigger1764900000000 implements MigrationInterface {
  name = 'RecordsCascadeByTrigger1764900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE deliveries DROP CONSTRAINT deliveries_batch_id_record_seq_fkey`,
    );
    await queryRunner.query(`ALTER TABLE records DROP CONSTRAINT records_batch_id_fkey`);
    await queryRunner.query(`
      CREATE FUNCTION delete_batch_records() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM deliveries WHERE batch_id = OLD.id;
        DELETE FROM records WHERE batch_id = OLD.id;
        RETURN OLD;
      END
      $$`);
    await queryRunner.query(`
      CREATE TRIGGER batches_delete_records BEFORE DELETE ON batches
      FOR EACH ROW EXECUTE FUNCTION delete_batch_records()`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER batches_delete_records ON batches`);
    await queryRunner.query(`DROP FUNCTION delete_batch_records()`);
    await queryRunner.query(`
      ALTER TABLE records ADD CONSTRAINT records_batch_id_fkey
      FOREIGN KEY (batch_id) REFERENCES batches (id) ON DELETE CASCADE`);
    await queryRunner.query(`
      ALTER TABLE deliveries ADD CONSTRAINT deliveries_batch_id_record_seq_fkey
      FOREIGN KEY (batch_id, record_seq) REFERENCES records (batch_id, seq) ON DELETE CASCADE`);
  }
}
