import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { ProceduresController } from './procedures.controller.js';

@Module({
  imports: [CasesModule],
  controllers: [ProceduresController],
})
export class ProceduresModule {}
