import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = (name: string) => ({ name, type: 'varchar', length: '36', isNullable: false });
const text = (name: string, length: number) => ({ name, type: 'varchar', length: String(length), isNullable: false });
const json = (name: string, nullable: boolean) => ({ name, type: 'text', isNullable: nullable });
const fk = (column: string, table: string) =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'RESTRICT' });

/**
 * `settings_changes`: every change of a unit's settings that decides outcomes and belongs to no
 * case — a body's rule, notice days and ballot settings (`body:<type>`), a village's publication
 * calendar (`publication-settings`) — with who, when, and the settings before and after. Written
 * in the change's own transaction; append-only: a trigger refuses UPDATE and DELETE on both
 * databases, as for audit entries. `id` increases, so changes within one millisecond list in order.
 */
export class SettingsChanges1796400000000 implements MigrationInterface {
  name = 'SettingsChanges1796400000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'settings_changes',
        columns: [
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const },
          id('unit_id'),
          text('subject', 80),
          json('settings_before', true),
          json('settings_after', false),
          id('changed_by'),
          text('changed_role', 40),
          text('changed_at', 30),
        ],
        foreignKeys: [fk('unit_id', 'units'), fk('changed_by', 'people')],
        indices: [new TableIndex({ name: 'IDX_settings_changes_unit', columnNames: ['unit_id', 'id'] })],
      }),
    );
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(`CREATE FUNCTION minyi_settings_changes_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'settings changes are append-only' USING ERRCODE = 'insufficient_privilege'; END $$`);
      await queryRunner.query('CREATE TRIGGER settings_changes_append_only BEFORE UPDATE OR DELETE ON settings_changes FOR EACH ROW EXECUTE FUNCTION minyi_settings_changes_append_only()');
      await queryRunner.query('CREATE TRIGGER settings_changes_no_truncate BEFORE TRUNCATE ON settings_changes FOR EACH STATEMENT EXECUTE FUNCTION minyi_settings_changes_append_only()');
    } else {
      await queryRunner.query("CREATE TRIGGER settings_changes_no_update BEFORE UPDATE ON settings_changes BEGIN SELECT RAISE(ABORT, 'settings changes are append-only'); END");
      await queryRunner.query("CREATE TRIGGER settings_changes_no_delete BEFORE DELETE ON settings_changes BEGIN SELECT RAISE(ABORT, 'settings changes are append-only'); END");
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // reverting must never be a way to erase the history
    const [{ n }] = (await queryRunner.query('SELECT COUNT(*) AS n FROM settings_changes')) as [{ n: number | string }];
    if (Number(n) > 0) throw new Error('refusing to revert: settings_changes holds history, which is never deleted');
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query('DROP TRIGGER IF EXISTS settings_changes_append_only ON settings_changes');
      await queryRunner.query('DROP TRIGGER IF EXISTS settings_changes_no_truncate ON settings_changes');
      await queryRunner.query('DROP FUNCTION IF EXISTS minyi_settings_changes_append_only()');
    }
    await queryRunner.dropTable('settings_changes');
  }
}
