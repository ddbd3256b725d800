import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = (name: string, nullable = false) => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const text = (name: string, length: number, nullable = false) => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const int = (name: string, nullable = false) => ({ name, type: 'integer', isNullable: nullable });
const fk = (column: string, table: string) =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'RESTRICT' });

/**
 * Step time limits (src/deadlines, docs/deadlines.md):
 * - `step_limits`: a unit's configured limit for one step of one procedure, inherited down the
 *   unit's subtree (nearest wins). `unit_path` is the unit's materialised path (units never move),
 *   so "configured at the case's unit or above" is one prefix test in the writer's transaction.
 * - `step_limit_changes`: every change (who, when, old → new), never updated or deleted; `id` orders them.
 * - `case_deadlines`: one row per step a case entered while a limit was in force, written by the
 *   case writer's transition hook in the step's own transaction; closed when the case leaves the
 *   step; marked `reached` (with the audit entry's sequence) by the deadline poller.
 */
export class StepDeadlines1796200000000 implements MigrationInterface {
  name = 'StepDeadlines1796200000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'step_limits',
        columns: [
          { ...id('unit_id'), isPrimary: true },
          { ...text('procedure_id', 60), isPrimary: true },
          { ...text('state_path', 200), isPrimary: true },
          text('unit_path', 400),
          int('days'),
          id('updated_by'),
          text('updated_at', 30),
        ],
        foreignKeys: [fk('unit_id', 'units'), fk('updated_by', 'people')],
        indices: [new TableIndex({ name: 'IDX_step_limits_step', columnNames: ['procedure_id', 'state_path'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'step_limit_changes',
        columns: [
          // an increasing number: changes made within one millisecond still list in order
          { name: 'id', type: 'integer', isPrimary: true, isGenerated: true, generationStrategy: 'increment' as const },
          id('unit_id'),
          text('procedure_id', 60),
          text('state_path', 200),
          int('old_days', true),
          int('new_days', true),
          id('changed_by'),
          text('changed_at', 30),
        ],
        foreignKeys: [fk('unit_id', 'units'), fk('changed_by', 'people')],
        indices: [new TableIndex({ name: 'IDX_step_limit_changes_unit', columnNames: ['unit_id', 'changed_at'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'case_deadlines',
        columns: [
          { ...id('id'), isPrimary: true },
          id('case_id'),
          text('unit_path', 400),
          text('procedure_id', 60),
          text('state_path', 200),
          int('limit_days'),
          id('limit_unit_id', true),
          text('entered_at', 30),
          int('entered_seq'),
          text('due_at', 30),
          text('status', 12),
          text('claimed_until', 30, true),
          text('reached_at', 30, true),
          int('reached_seq', true),
          text('closed_at', 30, true),
          int('closed_seq', true),
        ],
        foreignKeys: [fk('case_id', 'cases')],
        indices: [
          // the poller: running deadlines by due time
          new TableIndex({ name: 'IDX_case_deadlines_due', columnNames: ['status', 'due_at'] }),
          // a case's open deadlines (the flag on the case, closing them when the step is left)
          new TableIndex({ name: 'IDX_case_deadlines_case', columnNames: ['case_id', 'closed_at'] }),
          // a unit's overdue list: open deadlines under a path prefix
          new TableIndex({ name: 'IDX_case_deadlines_unit', columnNames: ['unit_path', 'due_at'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('case_deadlines');
    await queryRunner.dropTable('step_limit_changes');
    await queryRunner.dropTable('step_limits');
  }
}
