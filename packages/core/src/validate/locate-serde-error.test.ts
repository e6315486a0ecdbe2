import { describe, expect, it } from "vitest";
import { deserializeRequirements } from "../requirements/requirements-schema.ts";
import { parseToml } from "../toml/parse-toml.ts";
import { locateSerdeError, minimalPrefix, removeKeyAt, replaceAt } from "./locate-serde-error.ts";

function locate(text: string) {
  const parsed = parseToml(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const deserialize = (table: typeof parsed.document.value) => {
    const result = deserializeRequirements(table);
    return "error" in result ? result.error : null;
  };
  const error = deserialize(parsed.document.value);
  if (!error) throw new Error("fixture has no error");
  return { serdePath: error.path, path: locateSerdeError(parsed.document.value, error, deserialize) };
}

describe("locateSerdeError", () => {
  it.each([
    [
      "array element (serde drops the index)",
      'allowed_approval_policies = ["on-request", "never", "bogus"]\n',
      ["allowed_approval_policies", 2],
    ],
    [
      "key inside an array of tables",
      '[[remote_sandbox_config]]\nhostname_patterns = ["a"]\nallowed_sandbox_modes = ["read-only"]\n[[remote_sandbox_config]]\nhostname_patterns = "b"\nallowed_sandbox_modes = ["read-only"]\n',
      ["remote_sandbox_config", 1, "hostname_patterns"],
    ],
    [
      "below serde's path, through flattened hook events",
      '[[hooks.PreToolUse]]\nmatcher = "Bash"\n[[hooks.PreToolUse.hooks]]\ntype = "command"\ncommand = "/x"\ntimeout = "x"\n',
      ["hooks", "PreToolUse", 0, "hooks", 0, "timeout"],
    ],
    [
      "an enum tag written after the bad field is not blamed",
      '[[hooks.PreToolUse]]\n[[hooks.PreToolUse.hooks]]\ntimeout = "x"\ntype = "command"\ncommand = "/x"\n',
      ["hooks", "PreToolUse", 0, "hooks", 0, "timeout"],
    ],
    ["unknown field of a deny_unknown_fields table", '[otel]\nenvironment = "x"\nbogus = 1\n', ["otel", "bogus"]],
    [
      "duplicate field through an alias",
      "[features]\na = true\n[feature_requirements]\nb = true\n",
      ["feature_requirements"],
    ],
    ["missing field stays at the table", '[mcp_servers.docs]\ndescription = "d"\n', ["mcp_servers", "docs"]],
    [
      "untagged mismatch stays at the value",
      '[mcp_servers.docs]\nidentity = { comand = "x" }\n',
      ["mcp_servers", "docs", "identity"],
    ],
    ["scalar at the top", 'enforce_residency = "eu"\n', ["enforce_residency"]],
  ])("%s", (_name, text, expected) => {
    expect(locate(text).path).toEqual(expected);
  });
});

describe("path helpers", () => {
  it("minimalPrefix finds the first length that reproduces", () => {
    expect(minimalPrefix(10, (n) => n > 6)).toBe(7);
    expect(minimalPrefix(10, () => true)).toBe(0);
    expect(minimalPrefix(0, () => true)).toBe(0);
  });

  it("replaceAt copies along the path only", () => {
    const shared = { x: 1n };
    const root = { a: [{ b: 1n }, shared], c: shared };
    const out = replaceAt(root, ["a", 0, "b"], 2n) as typeof root;
    expect(out).toEqual({ a: [{ b: 2n }, shared], c: shared });
    expect(root.a[0]).toEqual({ b: 1n });
    expect(out.c).toBe(shared);
  });

  it("removeKeyAt removes a table key and leaves indexes alone", () => {
    const root = { a: [{ b: 1n, c: 2n }], d: 3n };
    expect(removeKeyAt(root, ["a", 0, "b"])).toEqual({ a: [{ c: 2n }], d: 3n });
    expect(removeKeyAt(root, ["d"])).toEqual({ a: [{ b: 1n, c: 2n }] });
    expect(removeKeyAt(root, ["a", 0])).toBe(root);
  });
});
