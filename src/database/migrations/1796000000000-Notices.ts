import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = (name: string, nullable = false) => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const text = (name: string, length: number, nullable = false) => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const long = (name: string, nullable = false) => ({ name, type: 'text', isNullable: nullable });
const int = (name: string, nullable = false) => ({ name, type: 'integer', isNullable: nullable });
const fk = (column: string, table: string) =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'RESTRICT' });

/**
 * Public notices (公示) and the objections filed against them. A notice row is written by the case
 * writer's transition hook in the same transaction as the step that enters, ends or leaves the
 * notice state; an objection row in the same transaction as its `objection.filed` entry
 * (src/notices). `unit_path` is the case unit's materialised path, so a board (a unit and its
 * subtree) is one prefix query.
 */
export class Notices1796000000000 implements MigrationInterface {
  name = 'Notices1796000000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'notices',
        columns: [
          { ...id('id'), isPrimary: true },
          id('case_id'),
          id('unit_id'),
          text('unit_path', 400),
          text('kind', 40),
          text('state_path', 200),
          text('title', 200),
          long('body'),
          text('timer_key', 100),
          text('status', 12),
          text('starts_at', 30),
          text('original_ends_at', 30),
          text('ends_at', 30),
          int('extended_days'),
          int('objection_count'),
          int('published_seq'),
          text('published_hash', 64),
          text('period_ended_at', 30, true),
          text('closed_at', 30, true),
          text('closed_hash', 64, true),
        ],
        foreignKeys: [fk('case_id', 'cases'), fk('unit_id', 'units')],
        indices: [
          new TableIndex({ name: 'IDX_notices_unit_path', columnNames: ['unit_path', 'starts_at'] }),
          new TableIndex({ name: 'IDX_notices_case', columnNames: ['case_id', 'published_seq'] }),
        ],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'objections',
        columns: [
          { ...id('id'), isPrimary: true },
          id('notice_id'),
          id('case_id'),
          text('name', 100),
          text('contact', 200),
          long('text'),
          text('text_hash', 64),
          text('status', 12),
          text('filed_at', 30),
          int('filed_seq'),
          text('answer_reason', 2000, true),
          id('answered_by', true),
          text('answered_at', 30, true),
          text('answer_hash', 64, true),
        ],
        foreignKeys: [fk('notice_id', 'notices'), fk('case_id', 'cases')],
        indices: [
          // the same text twice on one notice is refused here too, not only in code
          new TableIndex({ name: 'UQ_objections_notice_text', columnNames: ['notice_id', 'text_hash'], isUnique: true }),
          new TableIndex({ name: 'IDX_objections_case', columnNames: ['case_id', 'status'] }),
        ],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.dropTable('objections');
    await queryRunner.dropTable('notices');
  }
}
