import type { DataSourceOptions } from 'typeorm';
import type { DatabaseConfig } from '../config/app-config.js';
import { UnitEntity } from '../org/unit.entity.js';
import { PersonEntity } from '../people/person.entity.js';
import { RoleAssignmentEntity } from '../people/role-assignment.entity.js';
import { InitialSchema1795700000000 } from './migrations/1795700000000-InitialSchema.js';
import { CasesAuditTimers1795800000000 } from './migrations/1795800000000-CasesAuditTimers.js';
import { Meetings1795900000000 } from './migrations/1795900000000-Meetings.js';
import { Notices1796000000000 } from './migrations/1796000000000-Notices.js';
import { Checkpoints1796100000000 } from './migrations/1796100000000-Checkpoints.js';
import { StepDeadlines1796200000000 } from './migrations/1796200000000-StepDeadlines.js';
import { VillagePublications1796300000000 } from './migrations/1796300000000-VillagePublications.js';
import { SettingsChanges1796400000000 } from './migrations/1796400000000-SettingsChanges.js';
import { SharedAbuseDefences1796500000000 } from './migrations/1796500000000-SharedAbuseDefences.js';

export const ENTITIES = [UnitEntity, PersonEntity, RoleAssignmentEntity];
export const MIGRATIONS = [InitialSchema1795700000000, CasesAuditTimers1795800000000, Meetings1795900000000, Notices1796000000000, Checkpoints1796100000000, StepDeadlines1796200000000, VillagePublications1796300000000, SettingsChanges1796400000000, SharedAbuseDefences1796500000000];

/** Milliseconds a SQLite writer waits for a lock before giving up. */
export const SQLITE_BUSY_TIMEOUT_MS = 5000;

/**
 * The one place DataSource options are built: for the server, the CLI and `ormconfig.ts`.
 * Schema changes come from migrations only (never synchronize), and `null`/`undefined` in a
 * where clause throws instead of silently matching every row.
 */
export const buildDataSourceOptions = (database: DatabaseConfig): DataSourceOptions => {
  const common = {
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    synchronize: false,
    migrationsRun: false,
    logging: false,
    invalidWhereValuesBehavior: { null: 'throw', undefined: 'throw' },
  } as const;
  if (database.type === 'postgres') {
    return { ...common, type: 'postgres', url: database.url, poolSize: 10, applicationName: 'minyi' };
  }
  return {
    ...common,
    type: 'better-sqlite3',
    database: database.path,
    enableWAL: true,
    timeout: SQLITE_BUSY_TIMEOUT_MS,
    prepareDatabase: (db: { pragma: (sql: string) => unknown }) => {
      // WAL keeps readers off the writer's back; FULL fsyncs every commit, so a power cut
      // never loses a vote that was acknowledged.
      db.pragma('synchronous = FULL');
      db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
    },
  };
};
