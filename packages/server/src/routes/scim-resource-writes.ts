/**
 * The write steps SCIM Users and Groups share: a name must be free (ignoring case; RFC 7643
 * `uniqueness: server`), and each write appends its activity entry in the same transaction.
 * @module
 */
import type { ActorRef, ControlPlaneRepositories, DirectoryMatch, DirectoryRepository } from "@warden/core";
import { type ScimError, scimNotFound } from "../scim/scim-error.ts";
import { logScimChange } from "../scim/scim-route-support.ts";
import type { ScimResourceSchema } from "../scim/scim-schema.ts";

/** A directory row with a unique name: a user or a group. */
export interface NamedRow {
  readonly id: string;
  readonly name: string;
  readonly externalId: string | null;
}

/** How a resource type's rows are looked up by name and written. */
export interface NamedRowWrites<Row extends NamedRow, Fields, Changes> {
  readonly schema: ScimResourceSchema;
  find(directory: DirectoryRepository, match: DirectoryMatch): Promise<Row[]>;
  insert(directory: DirectoryRepository, fields: Fields): Promise<Row | { conflict: "name_taken" }>;
  update(
    directory: DirectoryRepository,
    id: string,
    changes: Changes,
  ): Promise<Row | null | { conflict: "name_taken" }>;
  /** The 409 `uniqueness` for a name another row has. */
  taken(name: string): ScimError;
}

/** Appends the `user.<verb>` or `group.<verb>` activity entry for a row of `schema`'s type. */
function logRowChange(
  tx: ControlPlaneRepositories,
  actor: ActorRef,
  schema: ScimResourceSchema,
  verb: "create" | "update",
  id: string,
  details: Record<string, unknown>,
) {
  const type = schema.resourceType === "User" ? "user" : "group";
  return logScimChange(tx, actor, `${type}.${verb}`, { type, id }, details);
}

/** Refuses `name` when a row other than `self` has it, ignoring case. */
async function checkNameFree<Row extends NamedRow, Fields, Changes>(
  tx: ControlPlaneRepositories,
  rows: NamedRowWrites<Row, Fields, Changes>,
  name: string,
  self: string | null,
): Promise<void> {
  const holders = await rows.find(tx.directory, { field: "name", value: name });
  if (holders.some((holder) => holder.id !== self)) throw rows.taken(name);
}

/** Creates a row with its `<type>.create` activity entry (name, externalId and `details` of the new row). */
export async function createNamedRow<Row extends NamedRow, Fields extends { readonly name: string }, Changes>(
  tx: ControlPlaneRepositories,
  actor: ActorRef,
  rows: NamedRowWrites<Row, Fields, Changes>,
  fields: Fields,
  details: (created: Row) => Record<string, unknown> = () => ({}),
): Promise<Row> {
  await checkNameFree(tx, rows, fields.name, null);
  const created = await rows.insert(tx.directory, fields);
  if ("conflict" in created) throw rows.taken(fields.name);
  const logged = { name: created.name, externalId: created.externalId, ...details(created) };
  await logRowChange(tx, actor, rows.schema, "create", created.id, logged);
  return created;
}

/**
 * Writes `changes` (none: nothing happens) to `row` with its `<type>.update` activity entry
 * (the name, which fields changed, the previous name when it changed, and `details`); the row as written.
 */
export async function updateNamedRow<Row extends NamedRow, Fields, Changes extends { readonly name?: string }>(
  tx: ControlPlaneRepositories,
  actor: ActorRef,
  rows: NamedRowWrites<Row, Fields, Changes>,
  row: Row,
  changes: Changes,
  details: Record<string, unknown> = {},
): Promise<Row> {
  if (Object.keys(changes).length === 0) return row;
  if (changes.name !== undefined) await checkNameFree(tx, rows, changes.name, row.id);
  const updated = await rows.update(tx.directory, row.id, changes);
  if (updated === null) throw scimNotFound(rows.schema.resourceType, row.id);
  if ("conflict" in updated) throw rows.taken(changes.name ?? row.name);
  const previous = changes.name === undefined ? {} : { previousName: row.name };
  const logged = { name: updated.name, changed: Object.keys(changes), ...previous, ...details };
  await logRowChange(tx, actor, rows.schema, "update", row.id, logged);
  return updated;
}
