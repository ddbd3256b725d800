import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { AuditController } from './audit.controller.js';
import { AuditVerifier } from './audit-verifier.service.js';
import { CheckpointController } from './checkpoint.controller.js';
import { CheckpointPublisher } from './checkpoint-publisher.js';
import { CheckpointService } from './checkpoint.service.js';
import { ArchiveController } from './archive/archive.controller.js';
import { ArchiveService } from './archive/archive.service.js';
import { ReceiptService } from './receipt.service.js';

@Module({
  imports: [CasesModule],
  controllers: [AuditController, CheckpointController, ArchiveController],
  providers: [AuditVerifier, CheckpointService, CheckpointPublisher, ArchiveService, ReceiptService],
  exports: [AuditVerifier, CheckpointService, CheckpointPublisher],
})
export class AuditModule {}
