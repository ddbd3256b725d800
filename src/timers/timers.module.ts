import { Module } from '@nestjs/common';
import { CasesModule } from '../cases/cases.module.js';
import { TimerScheduler } from './timer-scheduler.service.js';

@Module({
  imports: [CasesModule],
  providers: [TimerScheduler],
  exports: [TimerScheduler],
})
export class TimersModule {}
