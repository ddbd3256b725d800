import type { AppConfig } from '../config/app-config.js';
import { ConfigError, loadConfig } from '../config/load-config.js';
import { CliFailure } from './cli-failure.js';
import type { CliIo } from './read-password.js';

// Each command loads the modules it needs when it runs: `verify --database` and `verify --archive`
// must not pay for NestJS, TypeORM and the application's modules (about a second of start-up).

export const USAGE = `minyi administrator CLI

Usage: npm run cli -- <command> [arguments]

Commands:
  create-admin <username> [--name <name>]   create an organisation-wide administrator
  reset-password <username>                 set a new password (signs out the person's tokens)
  migrate                                   run pending database migrations
  load-demo                                 load the demo organisation into an empty database
  verify --database [--public-key FILE] [--trusted-checkpoint FILE]
                                            verify the whole audit trail: every chain, the global
                                            sequence, replay, and the signed checkpoints (exit 1
                                            on any problem, naming the first bad entry)
  archive --case ID --out FILE              a case's audit archive (zip) with its proofs
  archive --unit ID --from WHEN --to WHEN --out FILE
                                            every case of a unit's subtree alive in the period
                                            (WHEN: YYYY-MM-DD, China Standard Time, or ISO 8601)
  verify --archive FILE [--public-key FILE] [--trusted-checkpoint FILE]
                                            verify a case or unit archive offline, without a database
  verify --receipt FILE [--public-key FILE] verify a signed event receipt offline
  help                                      show this text

Passwords are never arguments: type them at the prompt, or pipe one line:
  echo 'a-long-password' | npm run cli -- reset-password wang.xiuying

The database is the one DATABASE_URL names (default ./data/minyi.sqlite), as for the server.
`;

const usernameArg = async (args: readonly string[]): Promise<string> => {
  const { USERNAME_PATTERN } = await import('../people/dto/create-person.dto.js');
  const username = args[0];
  if (username === undefined || username.startsWith('--')) throw new CliFailure(`missing <username>\n\n${USAGE}`, 2);
  if (!USERNAME_PATTERN.test(username)) {
    throw new CliFailure('the username must be 3–40 characters: lower-case letters, digits, ".", "_" or "-"', 2);
  }
  return username;
};

const optionArg = (args: readonly string[], name: string): string | undefined => {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const value = args[at + 1];
  if (value === undefined || value.startsWith('--')) throw new CliFailure(`${name} needs a value`, 2);
  return value;
};

const newPassword = async (io: CliIo): Promise<string> => {
  const { readNewPassword } = await import('./read-password.js');
  const { PASSWORD_MAX, PASSWORD_MIN } = await import('../people/dto/create-person.dto.js');
  const password = await readNewPassword(io);
  if (password === null) throw new CliFailure('no password given; nothing changed');
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX) {
    throw new CliFailure(`the password must be ${PASSWORD_MIN}–${PASSWORD_MAX} characters; nothing changed`);
  }
  return password;
};

/** Runs the migrations with a bare DataSource, reporting each one applied. */
const migrate = async (config: AppConfig, io: CliIo): Promise<void> => {
  const { DataSource } = await import('typeorm');
  const { buildDataSourceOptions } = await import('../database/data-source-options.js');
  const dataSource = new DataSource(buildDataSourceOptions(config.database));
  await dataSource.initialize();
  try {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    io.stdout.write(applied.length === 0 ? 'No pending migrations.\n' : applied.map((m) => `Applied ${m.name}\n`).join(''));
  } finally {
    await dataSource.destroy();
  }
};

/** Commands that need the services run inside a Nest application context (no HTTP server). */
const withServices = async <T>(config: AppConfig, work: (get: <S>(type: new (...args: never[]) => S) => S) => Promise<T>): Promise<T> => {
  const { NestFactory } = await import('@nestjs/core');
  const { CliModule } = await import('./cli.module.js');
  const context = await NestFactory.createApplicationContext(CliModule.with(config), { logger: false, abortOnError: false });
  try {
    return await work((type) => context.get(type));
  } finally {
    await context.close();
  }
};

/** The CLI, testable: arguments, streams and environment in; exit code out. */
export const runCli = async (argv: readonly string[], io: CliIo, env: Readonly<Record<string, string | undefined>>): Promise<number> => {
  const [command, ...args] = argv;
  try {
    if (command === undefined || command === 'help' || command === '--help' || command === '-h') {
      io.stdout.write(USAGE);
      return command === undefined ? 2 : 0;
    }
    const config = loadConfig(env);
    switch (command) {
      case 'migrate':
        await migrate(config, io);
        return 0;
      case 'create-admin': {
        const username = await usernameArg(args);
        const name = optionArg(args, '--name') ?? username;
        if (name.length > 100) throw new CliFailure('--name must be at most 100 characters', 2);
        const password = await newPassword(io);
        const { PeopleService } = await import('../people/people.service.js');
        const created = await withServices(config, (get) => get(PeopleService).createAdministrator({ username, password, name }));
        if (!created) throw new CliFailure(`a person with username "${username}" exists already; use reset-password`);
        io.stdout.write(`Created administrator "${username}" (admin for the whole organisation).\n`);
        return 0;
      }
      case 'reset-password': {
        const username = await usernameArg(args);
        const password = await newPassword(io);
        const { PeopleService } = await import('../people/people.service.js');
        const done = await withServices(config, (get) => get(PeopleService).resetPassword(username, password));
        if (!done) throw new CliFailure(`no person with username "${username}"`);
        io.stdout.write(`Password of "${username}" changed; their earlier tokens no longer work.\n`);
        return 0;
      }
      case 'load-demo': {
        const { DemoService } = await import('../demo/demo.service.js');
        const { formatDemoAccounts } = await import('../demo/print-demo-accounts.js');
        const accounts = await withServices(config, (get) => get(DemoService).loadIfEmpty());
        if (accounts === null) throw new CliFailure('the database already holds units; the demo loads only into an empty one');
        io.stdout.write(formatDemoAccounts(accounts));
        return 0;
      }
      case 'verify':
        if (args.includes('--archive')) return (await import('./archive-commands.js')).verifyArchiveCommand(config, args, io);
        if (args.includes('--receipt')) return (await import('./archive-commands.js')).verifyReceiptCommand(config, args, io);
        if (!args.includes('--database')) throw new CliFailure(`verify needs --database, --archive FILE or --receipt FILE\n\n${USAGE}`, 2);
        return await (await import('./verify-database.js')).verifyDatabaseCommand(config, args, io);
      case 'archive':
        return await (await import('./archive-commands.js')).archiveCommand(config, args, io);
      default:
        throw new CliFailure(`unknown command "${command}"\n\n${USAGE}`, 2);
    }
  } catch (error) {
    if (error instanceof CliFailure) {
      io.stderr.write(`minyi: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof ConfigError) {
      io.stderr.write(`minyi: ${error.message}\n`);
      return 1;
    }
    io.stderr.write(`minyi: ${command} failed: ${error instanceof Error ? error.message : String(error)}\n`);
    return 1;
  }
};
