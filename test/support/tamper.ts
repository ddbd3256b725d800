import type { DataSource } from 'typeorm';

/**
 * Runs `work` with the append-only triggers on `audit_entries` out of the way, as someone with
 * direct database access could: the tamper tests edit history this way and expect verification
 * to notice. The triggers are back afterwards.
 */
export const withoutAuditTriggers = async (db: DataSource, work: () => Promise<unknown>): Promise<void> => {
  const pg = db.options.type === 'postgres';
  if (pg) await db.query('ALTER TABLE audit_entries DISABLE TRIGGER USER');
  else {
    await db.query('DROP TRIGGER audit_entries_no_update');
    await db.query('DROP TRIGGER audit_entries_no_delete');
  }
  try {
    await work();
  } finally {
    if (pg) await db.query('ALTER TABLE audit_entries ENABLE TRIGGER USER');
    else {
      await db.query("CREATE TRIGGER audit_entries_no_update BEFORE UPDATE ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END");
      await db.query("CREATE TRIGGER audit_entries_no_delete BEFORE DELETE ON audit_entries BEGIN SELECT RAISE(ABORT, 'audit entries are append-only'); END");
    }
  }
};
