import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { AuditController } from './audit.controller.js';
import { AuditVerifier } from './audit-verifier.service.js';

@Module({
  imports: [CasesModule],
  controllers: [AuditController],
  providers: [AuditVerifier],
  exports: [AuditVerifier],
})
export class AuditModule {}
