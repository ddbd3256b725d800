import { Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import type Database from 'better-sqlite3';
import type { DataSource } from 'typeorm';
import { AuditReader } from '../audit/audit-reader.js';
import { Clock } from '../timers/clock.js';
import { CaseWriter } from './case-writer.js';
import { CasesController } from './cases.controller.js';
import { CasesService } from './cases.service.js';
import { IdempotencyService } from './idempotency.service.js';
import { PostgresCaseWriter } from './postgres-case-writer.js';
import { SqliteCaseWriter } from './sqlite-case-writer.js';
import { UnitDirectory } from './unit-directory.js';

/** The raw better-sqlite3 handle TypeORM opened: the SQLite writer shares its one connection. */
const sqliteHandle = (dataSource: DataSource): Database.Database =>
  (dataSource.driver as unknown as { databaseConnection: Database.Database }).databaseConnection;

@Module({
  controllers: [CasesController],
  providers: [
    {
      provide: CaseWriter,
      inject: [getDataSourceToken(), Clock],
      useFactory: (dataSource: DataSource, clock: Clock): CaseWriter =>
        dataSource.options.type === 'postgres' ? new PostgresCaseWriter(dataSource, clock) : new SqliteCaseWriter(sqliteHandle(dataSource), clock),
    },
    CasesService,
    IdempotencyService,
    UnitDirectory,
    AuditReader,
  ],
  exports: [CasesService, CaseWriter, UnitDirectory, AuditReader],
})
export class CasesModule {}
