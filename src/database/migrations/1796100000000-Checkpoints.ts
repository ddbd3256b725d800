import { Table, type MigrationInterface, type QueryRunner } from 'typeorm';

const text = (name: string, length: number) => ({ name, type: 'varchar', length: String(length), isNullable: false });
const int = (name: string) => ({ name, type: 'integer', isNullable: false });

/**
 * Signed checkpoints of the Merkle tree over all audit entries (src/audit/checkpoint.service.ts,
 * docs/audit-format.md), one per tree size. The signing key is not here: it lives outside the
 * database (MINYI_AUDIT_SIGNING_KEY or a file in the data directory).
 */
export class Checkpoints1796100000000 implements MigrationInterface {
  name = 'Checkpoints1796100000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'audit_checkpoints',
        columns: [
          { ...int('tree_size'), isPrimary: true },
          text('root_hash', 64),
          text('key_id', 8),
          text('signed_at', 30),
          text('reason', 40),
          { name: 'note', type: 'text', isNullable: false },
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('audit_checkpoints');
  }
}
