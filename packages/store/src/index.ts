// The public surface of @warden/store: open the control plane's database behind the core ports.

export type { WardenDatabase } from "./database-schema.ts";
export { type DialectName, dialectHelper } from "./dialect-helper.ts";
export { appliedMigrations, MIGRATIONS, runMigrations, tableExists } from "./migrations/run-migrations.ts";
export { type OpenStoreOptions, openStore, type Store } from "./open-store.ts";
