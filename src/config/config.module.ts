import { Global, Module } from '@nestjs/common';
import { AppConfig } from './app-config.js';
import { loadConfig } from './load-config.js';

/** Provides the validated AppConfig everywhere; built from process.env when the app starts. */
@Global()
@Module({
  providers: [{ provide: AppConfig, useFactory: (): AppConfig => loadConfig(process.env) }],
  exports: [AppConfig],
})
export class ConfigModule {}
