import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { renderJsonSchema } from "../requirements/requirements-json-schema.ts";
import { buildHookPolicyJsonSchema, ruleSchema, tierSchema } from "./hook-policy-schema.ts";

describe("schemas/hook-policy.schema.json", () => {
  it("is up to date (run `npx tsx scripts/generate-schemas.ts`)", () => {
    const checkedIn = readFileSync(new URL("../../../../schemas/hook-policy.schema.json", import.meta.url), "utf8");
    expect(checkedIn).toBe(renderJsonSchema(buildHookPolicyJsonSchema()));
  });

  it("closes every table and describes every rule key", () => {
    const schema = buildHookPolicyJsonSchema();
    const defs = schema.$defs as Record<
      string,
      { additionalProperties?: unknown; properties?: Record<string, object> }
    >;
    expect(schema.additionalProperties).toBe(false);
    for (const name of ["Rule", "Tier", "EventDefaults"]) expect(defs[name]?.additionalProperties).toBe(false);
    const rule = defs.Rule?.properties ?? {};
    expect(Object.keys(rule)).toEqual(ruleSchema.keys);
    for (const key of ruleSchema.keys.filter((k) => k !== "decision"))
      expect(rule[key], key).toHaveProperty("description");
    expect(Object.keys(defs.Tier?.properties ?? {})).toEqual(tierSchema.keys);
  });
});
