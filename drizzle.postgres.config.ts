// PostgreSQL migrations, generated from the one schema (server/src/platform/db/schema/*.ts).
import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './server/src/platform/db/schema/index.ts',
  out: './drizzle/postgres',
});
