import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = (name: string, nullable = false) => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const text = (name: string, length: number, nullable = false) => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const json = (name: string, nullable = false) => ({ name, type: 'text', isNullable: nullable });
const int = (name: string, nullable = false) => ({ name, type: 'integer', isNullable: nullable });
const fk = (column: string, table: string) =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'RESTRICT' });

/**
 * Cases, their append-only audit trail, durable timers and idempotency records.
 * The audit table refuses UPDATE and DELETE by trigger on both databases: nobody, administrators
 * included, edits history through the application or by accident.
 */
export class CasesAuditTimers1795800000000 implements MigrationInterface {
  name = 'CasesAuditTimers1795800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'cases',
        columns: [
          { ...id('id'), isPrimary: true },
          text('procedure_id', 60),
          int('procedure_version'),
          id('unit_id'),
          text('unit_path', 400),
          text('title', 200),
          json('description'),
          id('submitter_id', true),
          text('status', 10),
          text('outcome', 20, true),
          text('state', 200),
          json('snapshot'),
          json('config'),
          int('version'),
          int('last_seq'),
          text('head_hash', 64),
          text('created_at', 30),
          text('updated_at', 30),
        ],
        foreignKeys: [fk('unit_id', 'units'), fk('submitter_id', 'people')],
        indices: [
          new TableIndex({ name: 'IDX_cases_unit_path', columnNames: ['unit_path'] }),
          new TableIndex({ name: 'IDX_cases_created', columnNames: ['created_at', 'id'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'audit_entries',
        columns: [
          { ...int('global_seq'), isPrimary: true },
          id('case_id'),
          int('case_seq'),
          text('recorded_at', 30),
          text('actor_kind', 10),
          id('actor_person_id', true),
          text('actor_role', 40, true),
          id('actor_unit_id', true),
          text('actor_as', 10),
          text('kind', 20),
          text('event_type', 60),
          json('payload'),
          json('state_before', true),
          json('state_after'),
          text('procedure_id', 60),
          int('procedure_version'),
          text('prev_hash', 64),
          text('hash', 64),
        ],
        foreignKeys: [fk('case_id', 'cases')],
        indices: [new TableIndex({ name: 'UQ_audit_entries_case_seq', columnNames: ['case_id', 'case_seq'], isUnique: true })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'audit_sequence',
        columns: [{ ...int('id'), isPrimary: true }, int('last_global_seq')],
      }),
    );
    await queryRunner.query('INSERT INTO audit_sequence (id, last_global_seq) VALUES (1, 0)');
    await queryRunner.createTable(
      new Table({
        name: 'timers',
        columns: [
          { ...id('id'), isPrimary: true },
          id('case_id'),
          text('timer_key', 100),
          json('event'),
          text('due_at', 30),
          text('created_at', 30),
          text('claimed_until', 30, true),
        ],
        foreignKeys: [fk('case_id', 'cases')],
        indices: [
          new TableIndex({ name: 'UQ_timers_case_key', columnNames: ['case_id', 'timer_key'], isUnique: true }),
          new TableIndex({ name: 'IDX_timers_due', columnNames: ['due_at'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'idempotency_keys',
        columns: [
          { ...id('actor_id'), isPrimary: true },
          { ...text('idempotency_key', 200), isPrimary: true },
          text('fingerprint', 64),
          text('state', 10),
          int('status_code', true),
          json('response', true),
          text('created_at', 30),
        ],
      }),
    );
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query(`CREATE FUNCTION minyi_audit_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
        BEGIN RAISE EXCEPTION 'audit entries are append-only' USING ERRCODE = 'insufficient_privilege'; END $$`);
      await queryRunner.query(
        'CREATE TRIGGER audit_entries_append_only BEFORE UPDATE OR DELETE ON audit_entries FOR EACH ROW EXECUTE FUNCTION minyi_audit_append_only()',
      );
      await queryRunner.query(
        'CREATE TRIGGER audit_entries_no_truncate BEFORE TRUNCATE ON audit_entries FOR EACH STATEMENT EXECUTE FUNCTION minyi_audit_append_only()',
      );
    } else {
      await queryRunner.query(
        "CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END",
      );
      await queryRunner.query(
        "CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END",
      );
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    // Reverting must never be a way to delete history.
    const [{ n }] = (await queryRunner.query('SELECT COUNT(*) AS n FROM audit_entries')) as [{ n: number | string }];
    if (Number(n) > 0) throw new Error('refusing to revert: audit_entries holds history, which is never deleted');
    await queryRunner.dropTable('idempotency_keys');
    await queryRunner.dropTable('timers');
    await queryRunner.dropTable('audit_sequence');
    if (queryRunner.connection.options.type === 'postgres') {
      await queryRunner.query('DROP TRIGGER IF EXISTS audit_entries_append_only ON audit_entries');
      await queryRunner.query('DROP TRIGGER IF EXISTS audit_entries_no_truncate ON audit_entries');
      await queryRunner.query('DROP FUNCTION IF EXISTS minyi_audit_append_only()');
    }
    await queryRunner.dropTable('audit_entries');
    await queryRunner.dropTable('cases');
  }
}
