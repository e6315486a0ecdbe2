import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  buildManagedConfigJsonSchema,
  buildRequirementsJsonSchema,
  renderJsonSchema,
} from "./requirements-json-schema.ts";

const checkedIn = (name: string) => readFileSync(new URL(`../../../../schemas/${name}`, import.meta.url), "utf8");

describe("generated JSON Schemas", () => {
  it.each([
    ["requirements.schema.json", buildRequirementsJsonSchema],
    ["managed-config.schema.json", buildManagedConfigJsonSchema],
  ])("schemas/%s is up to date (run `npx tsx scripts/generate-schemas.ts`)", (name, build) => {
    expect(checkedIn(name)).toBe(renderJsonSchema(build()));
  });

  it("describes every top-level key, aliases included, and keeps unknown keys allowed", () => {
    const schema = buildRequirementsJsonSchema();
    const properties = schema.properties as Record<string, { description?: string }>;
    expect(Object.keys(properties)).toHaveLength(48);
    expect(properties.feature_requirements?.description).toBe("Alias of `features`.");
    expect(schema.additionalProperties).toBeUndefined();
  });

  it("marks deny_unknown_fields tables as closed and resolves every $ref", () => {
    const schema = buildRequirementsJsonSchema();
    const defs = schema.$defs as Record<string, { additionalProperties?: unknown }>;
    expect(defs.OtelRequirementsToml?.additionalProperties).toBe(false);
    expect(defs.ConfigServerInput?.additionalProperties).toBe(false);
    const refs = [...JSON.stringify(schema).matchAll(/"#\/\$defs\/([^"]+)"/g)].map((match) => match[1] as string);
    expect(refs.filter((ref) => !(ref in defs))).toEqual([]);
  });
});
