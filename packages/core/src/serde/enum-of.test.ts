import { describe, expect, it } from "vitest";
import type { TomlValue } from "../toml/toml-value.ts";
import { enumOf, newtypeVariant, stringEnum, structVariant, unitVariant } from "./enum-of.ts";
import { bool, string } from "./primitives.ts";
import type { Schema } from "./schema.ts";
import { formatSerdeError } from "./serde-error.ts";
import { required, struct } from "./struct.ts";
import { taggedEnum, taggedVariant } from "./tagged-enum.ts";
import { untagged } from "./untagged.ts";

function run<T>(schema: Schema<T>, value: TomlValue, mode: "toml" | "content" = "toml"): T | string {
  const result = schema.deserialize(value, mode);
  return result.ok ? result.value : formatSerdeError(result.error);
}

const payload = struct("Payload", { flag: required(bool()) });
const mixed = enumOf("Mixed", [
  unitVariant("plain"),
  newtypeVariant("wrapped", payload),
  structVariant(
    "shaped",
    struct("Mixed::Shaped", { flag: required(bool()) }, { expecting: "struct variant Mixed::Shaped" }),
  ),
]);

describe("externally tagged enums", () => {
  it.each<[string, TomlValue, unknown]>([
    ["unit from string", "plain", "plain"],
    ["newtype from table", { wrapped: { flag: true } }, { wrapped: { flag: true } }],
    ["unknown variant", "x", "unknown variant `x`, expected one of `plain`, `wrapped`, `shaped`\n"],
    ["newtype named by a bare string", "wrapped", "invalid type: unit variant, expected newtype variant\n"],
    ["struct named by a bare string", "shaped", "invalid type: unit variant, expected struct variant\n"],
    ["empty table", {}, "wanted exactly 1 element, found 0 elements\n"],
    ["two keys", { plain: {}, wrapped: {} }, "wanted exactly 1 element, more than 1 element\n"],
    ["unit with payload", { plain: 1n }, "expected table, found integer\n"],
    ["unit with table payload", { plain: { a: 1n } }, "expected empty table\n"],
    ["unit with array payload", { plain: [1n] }, "expected empty array\n"],
    ["unit with empty array", { plain: [] }, "plain"],
    ["other type", 1n, "invalid type: unit variant, expected string only\n"],
    [
      "payload errors carry no variant key",
      { wrapped: { flag: 1n } },
      "invalid type: integer `1`, expected a boolean\nin `flag`\n",
    ],
    [
      "struct variant from array",
      { shaped: [] },
      "invalid length 0, expected struct variant Mixed::Shaped with 1 element\n",
    ],
  ])("toml mode: %s", (_name, value, expected) => {
    expect(run(mixed, value)).toEqual(expected);
  });

  it.each<[string, TomlValue, unknown]>([
    ["other type", 1n, "invalid type: integer `1`, expected string or map\n"],
    ["two keys", { plain: {}, wrapped: {} }, "invalid value: map, expected map with a single key\n"],
    ["newtype from table", { wrapped: { flag: true } }, { wrapped: { flag: true } }],
  ])("content mode: %s", (_name, value, expected) => {
    expect(run(mixed, value, "content")).toEqual(expected);
  });

  it("lists aliases after each name and resolves them", () => {
    const reviewer = stringEnum("ApprovalsReviewer", ["user", "auto_review"], {
      aliases: { auto_review: ["guardian_subagent"] },
    });
    expect(run(reviewer, "guardian_subagent")).toBe("auto_review");
    expect(run(reviewer, "zzz")).toBe(
      "unknown variant `zzz`, expected one of `user`, `auto_review`, `guardian_subagent`\n",
    );
  });
});

describe("internally tagged enums", () => {
  const handler = taggedEnum("Handler", "type", [
    taggedVariant("command", struct("Handler::Command", { command: required(string()) })),
    taggedVariant("prompt"),
  ]);
  it.each<[string, TomlValue, unknown]>([
    ["struct variant", { type: "command", command: "x" }, { type: "command", command: "x" }],
    ["unit variant ignores extra keys", { type: "prompt", zzz: 1n }, { type: "prompt" }],
    ["missing tag", { command: "x" }, "missing field `type`\n"],
    ["unknown tag", { type: "zzz" }, "unknown variant `zzz`, expected `command` or `prompt`\n"],
    ["tag not a string", { type: 1n }, "invalid type: integer `1`, expected variant identifier\n"],
    ["missing field in variant", { type: "command" }, "missing field `command`\n"],
    ["not a table", 1.5, "invalid type: floating point `1.5`, expected internally tagged enum Handler\n"],
  ])("content mode: %s", (_name, value, expected) => {
    expect(run(handler, value, "content")).toEqual(expected);
  });
  it("adds the tag key to tag errors in toml mode", () => {
    expect(run(handler, { type: 1n })).toBe("invalid type: integer `1`, expected variant identifier\nin `type`\n");
  });
});

describe("untagged enums", () => {
  const either = untagged("Either", [struct("A", { a: required(string()) }), struct("B", { b: required(bool()) })]);
  it("takes the first matching variant and hides variant errors", () => {
    expect(run(either, { a: "x", b: true })).toEqual({ a: "x" });
    expect(run(either, { b: true })).toEqual({ b: true });
    expect(run(either, { b: "no" })).toBe("data did not match any variant of untagged enum Either\n");
  });
});
