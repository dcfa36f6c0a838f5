import { defineConfig } from 'drizzle-kit';

export default defineConfig({
  dialect: 'postgresql',
  schema: './main/db/schema/postgres-tables.ts',
  out: './main/db/migrations/postgres',
});
