import { Module } from '@nestjs/common';
import { APP_FILTER, APP_GUARD, APP_PIPE } from '@nestjs/core';
import { AuthModule } from './auth/auth.module.js';
import { AuthExceptionFilter } from './auth/auth-exception.filter.js';
import { AuthGuard } from './auth/auth.guard.js';
import { AllExceptionsFilter } from './common/filters/all-exceptions.filter.js';
import { CommonExceptionFilter } from './common/filters/common-exception.filter.js';
import { LoggingModule } from './common/logging/logging.module.js';
import { createValidationPipe } from './common/validation/validation.pipe.js';
import { ConfigModule } from './config/config.module.js';
import { DatabaseModule } from './database/database.module.js';
import { DeadlineExceptionFilter, DeadlinesModule } from './deadlines/deadlines.module.js';
import { DemoModule } from './demo/demo.module.js';
import { HealthModule } from './health/health.module.js';
import { OrgExceptionFilter } from './org/org-exception.filter.js';
import { OrgModule } from './org/org.module.js';
import { PeopleExceptionFilter } from './people/people-exception.filter.js';
import { PeopleModule } from './people/people.module.js';
import { StartupService } from './startup.service.js';
import { AuditExceptionFilter } from './audit/audit-error.js';
import { AuditModule } from './audit/audit.module.js';
import { CaseExceptionFilter } from './cases/case-exception.filter.js';
import { CasesModule } from './cases/cases.module.js';
import { MeetingExceptionFilter, MeetingsModule } from './meetings/meetings.module.js';
import { NoticeExceptionFilter, NoticesModule } from './notices/notices.module.js';
import { ProceduresModule } from './procedures/procedures.module.js';
import { PublicationExceptionFilter, PublicationsModule } from './publications/publications.module.js';
import { ClockModule } from './timers/clock.module.js';
import { TimersModule } from './timers/timers.module.js';

/**
 * The whole service. Pipe, guard and filters are providers here (not `app.use…` calls in
 * main.ts) so the app a test builds behaves exactly like the one in production.
 */
@Module({
  imports: [ConfigModule.forRoot(), LoggingModule, DatabaseModule, HealthModule, AuthModule, OrgModule, PeopleModule, DemoModule, ClockModule, CasesModule, AuditModule, ProceduresModule, TimersModule, MeetingsModule, NoticesModule, DeadlinesModule, PublicationsModule],
  providers: [
    { provide: APP_PIPE, useFactory: createValidationPipe },
    { provide: APP_GUARD, useClass: AuthGuard },
    // Nest tries the filters registered last first: the catch-all goes first, domain filters after.
    { provide: APP_FILTER, useClass: AllExceptionsFilter },
    { provide: APP_FILTER, useClass: CommonExceptionFilter },
    { provide: APP_FILTER, useClass: AuthExceptionFilter },
    { provide: APP_FILTER, useClass: OrgExceptionFilter },
    { provide: APP_FILTER, useClass: PeopleExceptionFilter },
    { provide: APP_FILTER, useClass: CaseExceptionFilter },
    { provide: APP_FILTER, useClass: MeetingExceptionFilter },
    { provide: APP_FILTER, useClass: NoticeExceptionFilter },
    { provide: APP_FILTER, useClass: AuditExceptionFilter },
    { provide: APP_FILTER, useClass: DeadlineExceptionFilter },
    { provide: APP_FILTER, useClass: PublicationExceptionFilter },
    StartupService,
  ],
})
export class AppModule {}
