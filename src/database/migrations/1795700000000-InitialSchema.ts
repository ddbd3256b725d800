import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = (name: string, nullable = false) => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const text = (name: string, length: number, nullable = false) => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const fk = (column: string, table: string) =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'RESTRICT' });

/** Units, people and role assignments. Written with TypeORM's schema API so it runs on SQLite and PostgreSQL alike. */
export class InitialSchema1795700000000 implements MigrationInterface {
  name = 'InitialSchema1795700000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'units',
        columns: [
          { ...id('id'), isPrimary: true },
          text('name', 100),
          text('kind', 20),
          id('parent_id', true),
          text('path', 400),
          { name: 'households', type: 'integer' },
          { name: 'adult_population', type: 'integer' },
          text('community_type', 30, true),
          text('created_at', 30),
        ],
        foreignKeys: [fk('parent_id', 'units')],
        indices: [
          new TableIndex({ name: 'IDX_units_parent_id', columnNames: ['parent_id'] }),
          new TableIndex({ name: 'IDX_units_path', columnNames: ['path'] }),
          new TableIndex({ name: 'UQ_units_parent_id_name', columnNames: ['parent_id', 'name'], isUnique: true }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'people',
        columns: [
          { ...id('id'), isPrimary: true },
          text('name', 100),
          { ...text('username', 40), isUnique: true },
          text('password_hash', 300),
          text('phone', 20, true),
          { name: 'active', type: 'boolean' },
          { name: 'session_version', type: 'integer' },
          id('home_unit_id', true),
          text('created_at', 30),
        ],
        foreignKeys: [fk('home_unit_id', 'units')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'role_assignments',
        columns: [
          { ...id('id'), isPrimary: true },
          id('person_id'),
          text('role', 40),
          id('unit_id', true),
          id('granted_by', true),
          text('granted_at', 30),
          id('revoked_by', true),
          text('revoked_at', 30, true),
        ],
        foreignKeys: [fk('person_id', 'people'), fk('unit_id', 'units'), fk('granted_by', 'people'), fk('revoked_by', 'people')],
        indices: [
          new TableIndex({ name: 'IDX_role_assignments_person_id', columnNames: ['person_id'] }),
          new TableIndex({ name: 'IDX_role_assignments_unit_id', columnNames: ['unit_id'] }),
          // one live assignment of a role at a unit per person; revoked rows stay as history
          new TableIndex({
            name: 'UQ_role_assignments_live',
            columnNames: ['person_id', 'role', 'unit_id'],
            isUnique: true,
            where: 'revoked_at IS NULL',
          }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('role_assignments');
    await queryRunner.dropTable('people');
    await queryRunner.dropTable('units');
  }
}
