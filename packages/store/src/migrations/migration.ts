import type { Kysely } from "kysely";
import type { WardenDatabase } from "../database-schema.ts";
import type { DialectHelper } from "../dialect-helper.ts";

/** One versioned schema change; applied once, in version order, inside a transaction. */
export interface Migration {
  readonly version: number;
  readonly name: string;
  /** Uses `db.schema` only: the typed schema describes the newest version, not this one's. */
  up(db: Kysely<WardenDatabase>, dialect: DialectHelper): Promise<void>;
}
