import { Module } from '@nestjs/common';
import { PublicPublicationsController } from './public-publications.controller.js';
import { PublicationsController } from './publications.controller.js';
import { PublicationsService } from './publications.service.js';

/** Re-exported so the root module registers the module and its filter with one import. */
export { PublicationExceptionFilter } from './publication-exception.filter.js';

/** Village affairs publication (村务公开, art. 30): docs/publications.md. */
@Module({
  controllers: [PublicPublicationsController, PublicationsController],
  providers: [PublicationsService],
})
export class PublicationsModule {}
