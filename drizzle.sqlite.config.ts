import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'sqlite',
  schema: './main/db/schema/sqlite-tables.ts',
  out: './main/db/migrations/sqlite',
});
