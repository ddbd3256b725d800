import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.js';
import { JsonLogger } from './json-logger.js';

@Global()
@Module({
  providers: [{ provide: JsonLogger, inject: [AppConfig], useFactory: (config: AppConfig) => new JsonLogger(config.logLevel) }],
  exports: [JsonLogger],
})
export class LoggingModule {}
