import { Global, Module, type DynamicModule } from '@nestjs/common';
import { AppConfig } from './app-config.js';
import { loadConfig } from './load-config.js';

/** Provides the validated AppConfig everywhere: from process.env, or a given one (the CLI). */
@Global()
@Module({})
export class ConfigModule {
  static forRoot(config?: AppConfig): DynamicModule {
    return {
      module: ConfigModule,
      providers: [config === undefined ? { provide: AppConfig, useFactory: (): AppConfig => loadConfig(process.env) } : { provide: AppConfig, useValue: config }],
      exports: [AppConfig],
    };
  }
}
