// `npm run migrate`: applies the migrations of the engine the environment names (DATABASE_URL:
// PostgreSQL, else the SQLite file at DATABASE_PATH) and exits. Bundled beside the server as
// dist/server/migrate.js; the server itself also migrates at start.
import { loadEnv } from './env.js';
import { migrate } from './platform/db/migrate.js';
import { openStore } from './platform/db/open-store.js';

const env = loadEnv();
const store = await openStore(env);
try {
  await migrate(store);
  console.log(`Migrations applied (${store.dialect === 'sqlite' ? `SQLite, ${env.DATABASE_PATH}` : 'PostgreSQL'}).`);
} finally {
  await store.close();
}
