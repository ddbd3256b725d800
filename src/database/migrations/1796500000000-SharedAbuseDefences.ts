import { Table, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

/**
 * Abuse defences that every instance shares (several servers on one PostgreSQL each counted on
 * their own before):
 * - `rate_limit_hits`: one row per counted attempt (`bucket` names the limit, `key` the client
 *   address or account), read in a sliding window under a per-key lock (src/common/rate-limit).
 * - `objection_form_nonces`: the nonce of every objection form that carried an objection, written
 *   in the objection's own transaction: a form token is accepted once, whichever instance sees it.
 */
export class SharedAbuseDefences1796500000000 implements MigrationInterface {
  name = 'SharedAbuseDefences1796500000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'rate_limit_hits',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const },
          { name: 'bucket', type: 'varchar', length: '40', isNullable: false },
          { name: 'hit_key', type: 'varchar', length: '300', isNullable: false },
          { name: 'at_ms', type: 'bigint', isNullable: false },
        ],
        indices: [new TableIndex({ name: 'IDX_rate_limit_hits_key', columnNames: ['bucket', 'hit_key', 'at_ms'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'objection_form_nonces',
        columns: [
          { name: 'nonce', type: 'varchar', length: '64', isPrimary: true },
          { name: 'spent_at', type: 'varchar', length: '30', isNullable: false },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('objection_form_nonces');
    await queryRunner.dropTable('rate_limit_hits');
  }
}
