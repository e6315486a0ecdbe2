import { type JsonSchema, JsonSchemaGenerator, type Schema } from "./schema.ts";
import { resolveRef } from "./struct.ts";

/** Document-level metadata for a generated JSON Schema file. */
export interface JsonSchemaDocumentOptions {
  readonly id?: string;
  readonly title: string;
  readonly description?: string;
}

/** Builds a complete JSON Schema (draft 2020-12) document with the root type inlined and `$defs`. */
export function toJsonSchemaDocument(root: Schema<unknown>, options: JsonSchemaDocumentOptions): JsonSchema {
  const generator = new JsonSchemaGenerator();
  const fragment = root.toJsonSchema(generator);
  const rootRef = typeof fragment.$ref === "string" ? fragment.$ref.replace("#/$defs/", "") : undefined;
  const inline = resolveRef(generator, fragment);
  const defs = Object.fromEntries(
    Object.entries(generator.defs)
      .filter(([name]) => name !== rootRef || JSON.stringify(generator.defs).includes(`"#/$defs/${name}"`))
      .sort(([a], [b]) => a.localeCompare(b)),
  );
  return {
    $schema: "https://json-schema.org/draft/2020-12/schema",
    ...(options.id ? { $id: options.id } : {}),
    ...inline,
    title: options.title,
    ...(options.description ? { description: options.description } : {}),
    ...(Object.keys(defs).length > 0 ? { $defs: defs } : {}),
  };
}
