import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './server/src/platform/db/schema/index.ts',
  out: './drizzle',
});
