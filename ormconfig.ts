import { DataSource } from 'typeorm';
import { loadConfig } from './src/config/load-config.js';
import { buildDataSourceOptions } from './src/database/data-source-options.js';

/**
 * The DataSource the TypeORM CLI uses (after `npm run build`):
 *   npx typeorm migration:show -d dist/ormconfig.js
 * Same options as the server, from the same DATABASE_URL.
 */
export default new DataSource(buildDataSourceOptions(loadConfig(process.env).database));
