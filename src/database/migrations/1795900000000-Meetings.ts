import { Table, TableForeignKey, TableIndex, type MigrationInterface, type QueryRunner } from 'typeorm';

const id = (name: string, nullable = false) => ({ name, type: 'varchar', length: '36', isNullable: nullable });
const text = (name: string, length: number, nullable = false) => ({ name, type: 'varchar', length: String(length), isNullable: nullable });
const json = (name: string, nullable = false) => ({ name, type: 'text', isNullable: nullable });
const int = (name: string, nullable = false) => ({ name, type: 'integer', isNullable: nullable });
const bool = (name: string) => ({ name, type: 'boolean', isNullable: false });
const fk = (column: string, table: string) =>
  new TableForeignKey({ columnNames: [column], referencedTableName: table, referencedColumnNames: ['id'], onDelete: 'RESTRICT' });

/**
 * Meetings: body settings per unit, meetings with their frozen rosters, attendance, recusals and
 * votes. Every change to these rows is written in the same transaction as the audit entry that
 * records it (src/meetings). Secret ballots are split on purpose: who voted (a row per voter)
 * and what was chosen (three counters per meeting), with nothing that links the two.
 */
export class Meetings1795900000000 implements MigrationInterface {
  name = 'Meetings1795900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.createTable(
      new Table({
        name: 'body_settings',
        columns: [
          { ...id('unit_id'), isPrimary: true },
          { ...text('body_type', 40), isPrimary: true },
          json('settings'),
          id('updated_by'),
          text('updated_at', 30),
        ],
        foreignKeys: [fk('unit_id', 'units'), fk('updated_by', 'people')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'meetings',
        columns: [
          { ...id('id'), isPrimary: true },
          id('case_id'),
          id('unit_id'),
          text('body_type', 40),
          text('step', 200),
          text('status', 10),
          text('voting_mode', 10, true),
          text('scheduled_at', 30),
          text('notice_given_at', 30),
          text('place', 200),
          json('motion'),
          text('chair', 100, true),
          text('recorder', 100, true),
          json('rule'),
          json('composition', true),
          int('expected', true),
          int('households', true),
          int('present_count', true),
          int('households_represented', true),
          json('parties_represented', true),
          int('tally_for', true),
          int('tally_against', true),
          int('tally_abstain', true),
          json('result', true),
          text('closing_note', 2000, true),
          int('version'),
          id('convened_by'),
          text('convened_at', 30),
          text('opened_at', 30, true),
          text('voting_at', 30, true),
          text('closed_at', 30, true),
        ],
        foreignKeys: [fk('case_id', 'cases'), fk('unit_id', 'units'), fk('convened_by', 'people')],
        indices: [new TableIndex({ name: 'IDX_meetings_case', columnNames: ['case_id', 'convened_at'] })],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'meeting_members',
        columns: [
          { ...id('meeting_id'), isPrimary: true },
          { ...id('person_id'), isPrimary: true },
          text('membership', 40),
          text('attendance', 10),
          bool('signed'),
          bool('recused'),
          text('recusal_reason', 2000, true),
        ],
        foreignKeys: [fk('meeting_id', 'meetings'), fk('person_id', 'people')],
      }),
    );
    // Named ballots: one per member per meeting, enforced here and not only in code.
    await queryRunner.createTable(
      new Table({
        name: 'meeting_ballots',
        columns: [{ ...id('meeting_id'), isPrimary: true }, { ...id('person_id'), isPrimary: true }, text('choice', 10)],
        foreignKeys: [fk('meeting_id', 'meetings'), fk('person_id', 'people')],
      }),
    );
    // Secret ballots, part 1: who voted. No choice, no time, no order.
    await queryRunner.createTable(
      new Table({
        name: 'meeting_secret_voters',
        columns: [{ ...id('meeting_id'), isPrimary: true }, { ...id('person_id'), isPrimary: true }],
        foreignKeys: [fk('meeting_id', 'meetings'), fk('person_id', 'people')],
      }),
    );
    // Secret ballots, part 2: what was chosen, as three counters per meeting. No row per ballot,
    // so no row id, insertion order or physical position can be matched to a voter.
    await queryRunner.createTable(
      new Table({
        name: 'meeting_secret_counts',
        columns: [{ ...id('meeting_id'), isPrimary: true }, int('for_count'), int('against_count'), int('abstain_count')],
        foreignKeys: [fk('meeting_id', 'meetings')],
      }),
    );
    await queryRunner.createTable(
      new Table({
        name: 'meeting_corrections',
        columns: [
          { ...id('id'), isPrimary: true },
          id('meeting_id'),
          json('reason'),
          json('details'),
          id('recorded_by'),
          text('recorded_at', 30),
          int('global_seq'),
        ],
        foreignKeys: [fk('meeting_id', 'meetings'), fk('recorded_by', 'people')],
        indices: [new TableIndex({ name: 'IDX_meeting_corrections_meeting', columnNames: ['meeting_id'] })],
      }),
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    for (const table of ['meeting_corrections', 'meeting_secret_counts', 'meeting_secret_voters', 'meeting_ballots', 'meeting_members', 'meetings', 'body_settings']) {
      await queryRunner.dropTable(table);
    }
  }
}
