import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { RateLimitModule } from '../common/rate-limit/rate-limit.module.js';
import { NoticePagesController } from './notice-pages.controller.js';
import { NoticesController } from './notices.controller.js';
import { NoticesService } from './notices.service.js';
import { ObjectionsService } from './objections.service.js';
import { PublicNoticesController } from './public-notices.controller.js';

/** Re-exported so the root module registers the module and its filter with one import. */
export { NoticeExceptionFilter } from './notice-exception.filter.js';

@Module({
  imports: [CasesModule, RateLimitModule],
  controllers: [PublicNoticesController, NoticePagesController, NoticesController],
  providers: [NoticesService, ObjectionsService],
})
export class NoticesModule {}
