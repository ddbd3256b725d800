import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.js';
import { Clock, ManualClock, SystemClock } from './clock.js';

/** The engine's clock, injectable everywhere; tests get a manual one (MINYI_MANUAL_CLOCK, NODE_ENV=test). */
@Global()
@Module({
  providers: [{ provide: Clock, inject: [AppConfig], useFactory: (config: AppConfig): Clock => (config.engine.manualClock ? new ManualClock(config.engine.manualClock) : new SystemClock()) }],
  exports: [Clock],
})
export class ClockModule {}
