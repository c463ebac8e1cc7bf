import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Deliveries keep an index of those in flight only, instead of every delivery by status. With
 * statistics taken before a large batch was stored, PostgreSQL read a chunk's range through
 * the status index, the whole batch each time, rather than by sequence number. Live progress
 * counts a batch's deliveries in flight many times a second, which the small index serves; the
 * other reads by status (lists, counts, exports) walk the batch in sequence order.
 */
export class DeliveriesInFlightIndex1765100000000 implements MigrationInterface {
  name = 'DeliveriesInFlightIndex1765100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX deliveries_batch_status_idx`);
    await queryRunner.query(
      `CREATE INDEX deliveries_in_flight_idx ON deliveries (batch_id) WHERE status = 'in_flight'`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX deliveries_in_flight_idx`);
    await queryRunner.query(
      `CREATE INDEX deliveries_batch_status_idx ON deliveries (batch_id, status)`,
    );
  }
}
