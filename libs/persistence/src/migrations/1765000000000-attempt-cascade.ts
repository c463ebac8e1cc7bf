import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Attempts lose their foreign key to deliveries. PostgreSQL checked it for every attempt a
 * save stored, locking the delivery row the same statement then updated; saving outcomes took
 * a fifth longer with it. Only the chunk sender writes attempts, for deliveries it has just
 * read, so the check guarded nothing; the batch's delete trigger now removes attempts too.
 */
export class AttemptsCascadeByTrigger1765000000000 implements MigrationInterface {
  name = 'AttemptsCascadeByTrigger1765000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE attempts DROP CONSTRAINT attempts_delivery_id_fkey`);
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION delete_batch_records() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM attempts
          WHERE delivery_id IN (SELECT id FROM deliveries WHERE batch_id = OLD.id);
        DELETE FROM deliveries WHERE batch_id = OLD.id;
        DELETE FROM records WHERE batch_id = OLD.id;
        RETURN OLD;
      END
      $$`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE OR REPLACE FUNCTION delete_batch_records() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM deliveries WHERE batch_id = OLD.id;
        DELETE FROM records WHERE batch_id = OLD.id;
        RETURN OLD;
      END
      $$`);
    await queryRunner.query(`
      ALTER TABLE attempts ADD CONSTRAINT attempts_delivery_id_fkey
      FOREIGN KEY (delivery_id) REFERENCES deliveries (id) ON DELETE CASCADE`);
  }
}
