import { defineConfig } from 'prisma/config';

// The URL matters only to `prisma migrate deploy` (where Prisma's schema engine can be had);
// the service applies migrations itself (prisma/migrate.ts).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' },
});
