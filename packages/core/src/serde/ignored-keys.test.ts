import { describe, expect, it } from "vitest";
import { deserializeRequirements } from "../requirements/requirements-schema.ts";
import { parseToml } from "../toml/parse-toml.ts";
import { collectIgnoredKeys } from "./ignored-keys.ts";

function ignoredIn(text: string): string[] {
  const parsed = parseToml(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return collectIgnoredKeys(() => deserializeRequirements(parsed.document.value)).ignored;
}

// Expected paths are the ones codex 0.169.0 names in its "Codex is ignoring N unrecognized
// configuration settings" warning for the same requirements.toml (scenarios 060 and 127).
describe("collectIgnoredKeys", () => {
  it("reports unknown top-level keys and tables", () => {
    expect(ignoredIn('bogus_key = 1\nallowed_approval_policies = ["never"]\n[totally_unknown_table]\nx = 1\n')).toEqual(
      ["bogus_key", "totally_unknown_table"],
    );
  });

  it("reports nested keys with array indexes", () => {
    const text = `[rules]
prefix_rules = [
  { pattern = [{ token = "rm" }], decision = "forbidden" },
  { pattern = [{ token = "git" }], decision = "prompt", reviewer = "x" },
]`;
    expect(ignoredIn(text)).toEqual(["rules.prefix_rules.1.reviewer"]);
  });

  it("reports nothing for a clean file and does not leak between runs", () => {
    expect(ignoredIn('allowed_sandbox_modes = ["read-only"]\n')).toEqual([]);
    expect(collectIgnoredKeys(() => 1)).toEqual({ result: 1, ignored: [] });
  });
});
