/**
 * The routes every SCIM resource type has (RFC 7644 §3): list (filter, paging, projection),
 * create, read (If-None-Match), replace, patch and delete (If-Match), each write in one
 * transaction. A resource type supplies its rows, its rendering and its writes.
 * @module
 */
import type { ActorRef, ControlPlaneRepositories, DirectoryMatch, DirectoryRepository } from "@warden/core";
import { scimNotFound } from "../scim/scim-error.ts";
import type { ScimFilter } from "../scim/scim-filter.ts";
import { matchesFilter } from "../scim/scim-filter-match.ts";
import {
  filterReads,
  listResponse,
  project,
  readListQuery,
  readProjection,
  requiredEquality,
  returns,
} from "../scim/scim-list.ts";
import { SCIM_BASE_PATH } from "../scim/scim-media.ts";
import { type PatchOperation, readPatchOperations } from "../scim/scim-patch.ts";
import { readResourceBody, type ScimDraft } from "../scim/scim-request.ts";
import { checkIfMatch, defineScimRoute, etagHeader, SCIM_BODY, scimBase } from "../scim/scim-route-support.ts";
import type { ScimResourceSchema } from "../scim/scim-schema.ts";
import {
  callerOf,
  noContent,
  type QueryParameter,
  type RouteInput,
  type RouteOutput,
  type RouteSpec,
} from "./route.ts";

/** A directory row a SCIM resource shows: its id and its version (the ETag). */
export interface ScimRow {
  readonly id: string;
  readonly version: number;
}

/** One SCIM resource type over the directory: `Related` rows fill its multi-valued reference attribute. */
export interface ScimResource<Row extends ScimRow, Related, Fields> {
  readonly schema: ScimResourceSchema;
  /** The attribute the directory keeps as the row's unique name (`userName`, `displayName`). */
  readonly nameAttribute: string;
  /** The attribute made of `Related` rows (`groups`, `members`), loaded only when a filter or the answer needs it. */
  readonly related: string;
  get(directory: DirectoryRepository, id: string): Promise<Row | null>;
  find(directory: DirectoryRepository, match: DirectoryMatch): Promise<Row[]>;
  list(directory: DirectoryRepository): Promise<Row[]>;
  loadRelated(directory: DirectoryRepository, row: Row): Promise<readonly Related[]>;
  render(row: Row, related: readonly Related[] | null, base: string): Record<string, unknown>;
  /** The fields a draft asks for; 400 `invalidValue` for the first attribute that does not fit. */
  readFields(draft: ScimDraft): Fields;
  // The writes run in the route's transaction and append their own activity entries.
  create(tx: ControlPlaneRepositories, actor: ActorRef, fields: Fields): Promise<Row>;
  replace(tx: ControlPlaneRepositories, actor: ActorRef, row: Row, fields: Fields): Promise<Row>;
  patch(tx: ControlPlaneRepositories, actor: ActorRef, row: Row, operations: readonly PatchOperation[]): Promise<Row>;
  remove(tx: ControlPlaneRepositories, actor: ActorRef, row: Row): Promise<void>;
}

/** What the route table says about a resource type's routes (OpenAPI shows it). */
export interface ScimRouteTexts {
  readonly summaries: Readonly<Record<"list" | "create" | "read" | "replace" | "patch" | "delete", string>>;
  /** The `filter` query parameter's description, with an example. */
  readonly filter: string;
  /** The `excludedAttributes` query parameter's description. */
  readonly excludedAttributes: string;
  readonly deleteErrors: NonNullable<RouteSpec["errors"]>;
}

/** The six routes of a SCIM resource type, at `/scim/v2` + its endpoint, in list, create, read, replace, patch, delete order. */
export function scimResourceRoutes<Row extends ScimRow, Related, Fields>(
  resource: ScimResource<Row, Related, Fields>,
  texts: ScimRouteTexts,
): RouteSpec<unknown>[] {
  const { schema } = resource;
  const type = schema.resourceType;
  const path = `${SCIM_BASE_PATH}${schema.endpoint}`;
  const projectionQuery: readonly QueryParameter[] = [
    { name: "attributes", description: "return only these attributes (comma-separated)", type: "string" },
    { name: "excludedAttributes", description: texts.excludedAttributes, type: "string" },
  ];

  /** The rows a filter can match, looked up by index when it requires `id`, the name or `externalId` eq. */
  async function candidates(directory: DirectoryRepository, filter: ScimFilter | null): Promise<Row[]> {
    const eq = requiredEquality(filter, ["id", resource.nameAttribute, "externalId"]);
    if (eq?.attribute === "id") {
      const row = await resource.get(directory, eq.value);
      return row === null ? [] : [row];
    }
    if (eq?.attribute === resource.nameAttribute) return resource.find(directory, { field: "name", value: eq.value });
    if (eq?.attribute === "externalId") return resource.find(directory, { field: "externalId", value: eq.value });
    return resource.list(directory);
  }

  /** The row as the request's projection returns it (related rows loaded only when returned), with the ETag. */
  async function answer(input: RouteInput<unknown>, row: Row, status: 200 | 201): Promise<RouteOutput> {
    const projection = readProjection(input.query);
    const { directory } = input.services.store;
    const related = returns(projection, resource.related, schema) ? await resource.loadRelated(directory, row) : null;
    const rendered = resource.render(row, related, scimBase(input));
    const location = (rendered.meta as { location: string }).location;
    return {
      status,
      body: project(rendered, projection, schema),
      headers: { ...etagHeader(row.version), ...(status === 201 ? { location } : {}) },
    };
  }

  /** Runs `write` in one transaction as the caller. */
  function inTransaction<T>(
    input: RouteInput<unknown>,
    write: (tx: ControlPlaneRepositories, actor: ActorRef) => Promise<T>,
  ): Promise<T> {
    const { actor } = callerOf(input);
    return input.services.store.transaction((tx) => write(tx, actor));
  }

  /** Runs `write` on the row `:id` names, in one transaction; 404 when none, 412 when If-Match names another version. */
  function writeRow<T>(
    input: RouteInput<unknown>,
    write: (tx: ControlPlaneRepositories, actor: ActorRef, row: Row) => Promise<T>,
  ): Promise<T> {
    return inTransaction(input, async (tx, actor) => {
      const row = await resource.get(tx.directory, input.params.id!);
      if (row === null) throw scimNotFound(type, input.params.id!);
      checkIfMatch(input, row.version);
      return write(tx, actor, row);
    });
  }

  const item = `${path}/:id`;
  const writeQuery = { body: SCIM_BODY, query: projectionQuery };
  return [
    defineScimRoute({
      method: "GET",
      path,
      summary: texts.summaries.list,
      query: [
        { name: "filter", description: texts.filter, type: "string" },
        { name: "startIndex", description: "1-based index of the first result (default 1)", type: "integer" },
        { name: "count", description: "page size, 0 to 1000 (default 100)", type: "integer" },
        ...projectionQuery,
      ],
      success: { status: 200, description: `a SCIM ListResponse of ${type} resources` },
      async handle(input) {
        const { directory } = input.services.store;
        const query = readListQuery(input.query, schema);
        const base = scimBase(input);
        let rows = await candidates(directory, query.filter);
        if (query.filter !== null) {
          const filter = query.filter;
          const needRelated = filterReads(filter, resource.related);
          const matched: Row[] = [];
          for (const row of rows) {
            const related = needRelated ? await resource.loadRelated(directory, row) : null;
            if (matchesFilter(filter, resource.render(row, related, base), schema)) matched.push(row);
          }
          rows = matched;
        }
        const withRelated = returns(query.projection, resource.related, schema);
        const page = rows.slice(query.startIndex - 1, query.startIndex - 1 + query.count);
        const resources = [];
        for (const row of page) {
          const related = withRelated ? await resource.loadRelated(directory, row) : null;
          resources.push(project(resource.render(row, related, base), query.projection, schema));
        }
        return { status: 200, body: listResponse(resources, rows.length, query.startIndex) };
      },
    }),
    defineScimRoute({
      method: "POST",
      path,
      summary: texts.summaries.create,
      ...writeQuery,
      errors: ["conflict"],
      success: { status: 201, description: `the ${type} resource; Location and ETag headers` },
      async handle(input) {
        const fields = resource.readFields(readResourceBody(input.body, schema, null));
        return answer(input, await inTransaction(input, (tx, actor) => resource.create(tx, actor, fields)), 201);
      },
    }),
    defineScimRoute({
      method: "GET",
      path: item,
      summary: texts.summaries.read,
      query: projectionQuery,
      errors: ["not_found"],
      success: { status: 200, description: `the ${type} resource; ETag header` },
      async handle(input) {
        const row = await resource.get(input.services.store.directory, input.params.id!);
        if (row === null) throw scimNotFound(type, input.params.id!);
        if (input.header?.("if-none-match") === etagHeader(row.version).etag) {
          return { status: 304, body: null, headers: etagHeader(row.version) };
        }
        return answer(input, row, 200);
      },
    }),
    defineScimRoute({
      method: "PUT",
      path: item,
      summary: texts.summaries.replace,
      ...writeQuery,
      errors: ["not_found", "conflict"],
      success: { status: 200, description: `the ${type} resource` },
      async handle(input) {
        const fields = resource.readFields(readResourceBody(input.body, schema, input.params.id!));
        return answer(input, await writeRow(input, (tx, actor, row) => resource.replace(tx, actor, row, fields)), 200);
      },
    }),
    defineScimRoute({
      method: "PATCH",
      path: item,
      summary: texts.summaries.patch,
      ...writeQuery,
      errors: ["not_found", "conflict"],
      success: { status: 200, description: `the ${type} resource after the operations` },
      async handle(input) {
        const operations = readPatchOperations(input.body);
        return answer(
          input,
          await writeRow(input, (tx, actor, row) => resource.patch(tx, actor, row, operations)),
          200,
        );
      },
    }),
    defineScimRoute({
      method: "DELETE",
      path: item,
      summary: texts.summaries.delete,
      errors: texts.deleteErrors,
      success: { status: 204, description: "deleted" },
      async handle(input) {
        await writeRow(input, (tx, actor, row) => resource.remove(tx, actor, row));
        return noContent();
      },
    }),
  ];
}
