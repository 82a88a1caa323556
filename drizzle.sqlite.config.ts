// SQLite migrations, generated from the SQLite twins of the one schema (server/src/platform/db/schema/sqlite.ts).
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './server/src/platform/db/schema/sqlite.ts',
  out: './drizzle/sqlite',
});
