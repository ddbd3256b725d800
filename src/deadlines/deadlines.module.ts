import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { DeadlinePoller } from './deadline-poller.service.js';
import { DeadlinesService } from './deadlines.service.js';
import { OverdueController } from './overdue.controller.js';
import { StepLimitsController } from './step-limits.controller.js';
import { StepLimitsService } from './step-limits.service.js';

/** Re-exported so the root module registers the module and its filter with one import. */
export { DeadlineExceptionFilter } from './deadline-exception.filter.js';

@Module({
  imports: [CasesModule],
  controllers: [StepLimitsController, OverdueController],
  providers: [StepLimitsService, DeadlinesService, DeadlinePoller],
  exports: [DeadlinePoller],
})
export class DeadlinesModule {}
