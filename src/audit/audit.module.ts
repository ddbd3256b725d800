import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { AuditController } from './audit.controller.js';
import { AuditVerifier } from './audit-verifier.service.js';
import { CheckpointController } from './checkpoint.controller.js';
import { CheckpointPublisher } from './checkpoint-publisher.js';
import { CheckpointService } from './checkpoint.service.js';

@Module({
  imports: [CasesModule],
  controllers: [AuditController, CheckpointController],
  providers: [AuditVerifier, CheckpointService, CheckpointPublisher],
  exports: [AuditVerifier, CheckpointService, CheckpointPublisher],
})
export class AuditModule {}
