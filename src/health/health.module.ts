import { Module } from '@nestjs/common';
import { AuditModule } from '../audit/audit.module.js';
import { CasesModule } from '../cases/cases.module.js';
import { HealthController } from './health.controller.js';

@Module({ imports: [AuditModule, CasesModule], controllers: [HealthController] })
export class HealthModule {}
