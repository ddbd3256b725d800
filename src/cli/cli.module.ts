import { Module, type DynamicModule } from '@nestjs/common';
import { LoggingModule } from '../common/logging/logging.module.js';
import type { AppConfig } from '../config/app-config.js';
import { ConfigModule } from '../config/config.module.js';
import { DatabaseModule } from '../database/database.module.js';
import { DemoModule } from '../demo/demo.module.js';
import { PeopleModule } from '../people/people.module.js';
import { ClockModule } from '../timers/clock.module.js';

/** What the administrator CLI needs: the database (migrated), the clock, people and the demo loader; no HTTP. */
@Module({})
export class CliModule {
  static with(config: AppConfig): DynamicModule {
    return { module: CliModule, imports: [ConfigModule.forRoot(config), LoggingModule, DatabaseModule, ClockModule, PeopleModule, DemoModule] };
  }
}
