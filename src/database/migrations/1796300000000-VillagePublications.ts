import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = (name: string, nullable = false) => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const text = (name: string, length: number, nullable = false) => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const long = (name: string) => ({ name, type: 'text', isNullable: false });
const int = (name: string) => ({ name, type: 'integer', isNullable: false });
const fk = (column: string, table: string) =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'RESTRICT' });

/**
 * Village affairs publications (村务公开, src/publications). Each row is also a link of its
 * village's hash chain (`chain_seq` 1, 2, … per village, `prev_hash` → `hash`), and the table is
 * append-only: a trigger refuses UPDATE and DELETE on both databases, as for audit entries.
 * `village_publication_settings` holds each village's finance cadence, grace days and tracking start.
 */
export class VillagePublications1796300000000 implements MigrationInterface {
  name = 'VillagePublications1796300000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'village_publications',
        columns: [
          { ...id('id'), isPrimary: true },
          id('unit_id'),
          text('unit_path', 400),
          text('matter', 40),
          text('period', 10, true),
          text('title', 200),
          long('body'),
          text('content_hash', 64),
          text('published_at', 30),
          id('published_by'),
          text('published_role', 40),
          id('published_role_unit_id', true),
          int('chain_seq'),
          text('prev_hash', 64),
          text('hash', 64),
        ],
        foreignKeys: [fk('unit_id', 'units'), fk('published_by', 'people')],
        indices: [
          // one link per position: two concurrent publications cannot both extend the same head
          new TableIndex({ name: 'UQ_village_publications_chain', columnNames: ['unit_id', 'chain_seq'], isUnique: true }),
          new TableIndex({ name: 'IDX_village_publications_board', columnNames: ['unit_path', 'published_at'] }),
          new TableIndex({ name: 'IDX_village_publications_matter', columnNames: ['unit_id', 'matter', 'period'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'village_publication_settings',
        columns: [
          { ...id('unit_id'), isPrimary: true },
          text('finance_cadence', 12),
          int('grace_days'),
          text('tracked_from', 10),
          text('updated_at', 30),
          id('updated_by'),
        ],
        foreignKeys: [fk('unit_id', 'units'), fk('updated_by', 'people')],
      }),
    );
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(`CREATE FUNCTION minyi_publications_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'village publications are append-only' USING ERRCODE = 'insufficient_privilege'; END $$`);
      await queryRunner.query(
        'CREATE TRIGGER village_publications_append_only BEFORE UPDATE OR DELETE ON village_publications FOR EACH ROW EXECUTE FUNCTION minyi_publications_append_only()',
      );
      await queryRunner.query(
        'CREATE TRIGGER village_publications_no_truncate BEFORE TRUNCATE ON village_publications FOR EACH STATEMENT EXECUTE FUNCTION minyi_publications_append_only()',
      );
    } else {
      await queryRunner.query(
        "CREATE TRIGGER village_publications_no_update BEFORE UPDATE ON village_publications BEGIN SELECT RAISE(ABORT, 'village publications are append-only'); END",
      );
      await queryRunner.query(
        "CREATE TRIGGER village_publications_no_delete BEFORE DELETE ON village_publications BEGIN SELECT RAISE(ABORT, 'village publications are append-only'); END",
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // reverting must never be a way to delete what was published
    const [{ n }] = (await queryRunner.query('SELECT COUNT(*) AS n FROM village_publications')) as [{ n: number | string }];
    if (Number(n) > 0) throw new Error('refusing to revert: village_publications holds publications, which are never deleted');
    await queryRunner.dropTable('village_publication_settings');
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query('DROP TRIGGER IF EXISTS village_publications_append_only ON village_publications');
      await queryRunner.query('DROP TRIGGER IF EXISTS village_publications_no_truncate ON village_publications');
      await queryRunner.query('DROP FUNCTION IF EXISTS minyi_publications_append_only()');
    }
    await queryRunner.dropTable('village_publications');
  }
}
