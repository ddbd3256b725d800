import 'reflect-metadata';
import { ConfigError, loadConfig } from './config/load-config.js';

/** Starts the server. Everything about how the app is built lives in app.factory.ts. */
const main = async (): Promise<void> => {
  let port: number;
  try {
    port = loadConfig(process.env).port;
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`minyi: ${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
  const { createApp } = await import('./app.factory.js');
  const app = await createApp();
  await app.listen({ port, host: '0.0.0.0' });
  const base = `http://localhost:${port}`;
  process.stdout.write(
    `\nminyi is running: API ${base}/api · docs ${base}/docs · OpenAPI ${base}/docs/json · health ${base}/health\n\n`,
  );
};

main().catch((error: unknown) => {
  process.stderr.write(`minyi: failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
