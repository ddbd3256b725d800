import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { BodiesController } from './bodies.controller.js';
import { BodiesService } from './bodies.service.js';
import { MeetingsController } from './meetings.controller.js';
import { MeetingsService } from './meetings.service.js';

/** Re-exported so the root module registers the module and its filter with one import. */
export { MeetingExceptionFilter } from './meeting-exception.filter.js';

@Module({
  imports: [CasesModule],
  controllers: [BodiesController, MeetingsController],
  providers: [BodiesService, MeetingsService],
})
export class MeetingsModule {}
