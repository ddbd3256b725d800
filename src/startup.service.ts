import { Injectable, type BeforeApplicationShutdown, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from './config/app-config.js';
import { JsonLogger } from './common/logging/json-logger.js';
import { DemoService } from './demo/demo.service.js';
import { printDemoAccounts } from './demo/print-demo-accounts.js';
import { PeopleService } from './people/people.service.js';

/** After migrations ran: the demo organisation on an empty database, then the MINYI_ADMIN_* account. */
@Injectable()
export class StartupService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  constructor(
    private readonly config: AppConfig,
    private readonly demo: DemoService,
    private readonly people: PeopleService,
    private readonly logger: JsonLogger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.demo) {
      const accounts = await this.demo.loadIfEmpty();
      if (accounts !== null) {
        this.logger.event('info', 'demo organisation loaded', { accounts: accounts.length }, 'Startup');
        // straight to the console, never to the log: these are passwords, shown this once
        printDemoAccounts(accounts);
      }
    }
    const admin = this.config.admin;
    if (admin !== null) {
      const created = await this.people.createAdministrator({ ...admin, name: admin.username });
      if (created) this.logger.event('info', 'administrator created from MINYI_ADMIN_USERNAME', { username: admin.username }, 'Startup');
    }
  }

  beforeApplicationShutdown(signal?: string): void {
    // the HTTP server stops taking requests, then the DataSource closes (TypeOrmModule)
    this.logger.event('info', 'shutting down', { signal: signal ?? null }, 'Startup');
  }
}
