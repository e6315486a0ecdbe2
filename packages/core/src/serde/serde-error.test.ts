import { describe, expect, it } from "vitest";
import {
  duplicateField,
  formatSerdeError,
  invalidLength,
  missingField,
  oneOf,
  structLengthExpecting,
  unknownField,
  unknownVariant,
  withKey,
} from "./serde-error.ts";

describe("serde-error", () => {
  it("renders like toml::de::Error: message line, then an `in` line only when keys exist", () => {
    // Probed: top-level `duplicate field` has no `in` line; nested errors end with "\n".
    expect(formatSerdeError({ message: "duplicate field `features`", path: [] })).toBe("duplicate field `features`\n");
    const nested = withKey(withKey({ message: "m", path: [] }, "decision"), "rules");
    expect(nested.path).toEqual(["rules", "decision"]);
    expect(formatSerdeError(nested)).toBe("m\nin `rules.decision`\n");
  });

  it("joins keys verbatim (keys containing dots or colons are not quoted)", () => {
    expect(formatSerdeError({ message: "m", path: ["allowed_permission_profiles", ":workspace"] })).toBe(
      "m\nin `allowed_permission_profiles.:workspace`\n",
    );
  });

  it.each([
    [["us"], "`us`"],
    [["allow", "deny"], "`allow` or `deny`"],
    [["a", "b", "c"], "one of `a`, `b`, `c`"],
  ])("oneOf(%j)", (names, expected) => {
    expect(oneOf(names)).toBe(expected);
  });

  it("builds serde's standard messages", () => {
    expect(unknownVariant("eu", ["us"])).toBe("unknown variant `eu`, expected `us`");
    expect(unknownVariant("x", [])).toBe("unknown variant `x`, there are no variants");
    expect(unknownField("zzz", ["base_url", "oauth"])).toBe("unknown field `zzz`, expected `base_url` or `oauth`");
    expect(unknownField("zzz", [])).toBe("unknown field `zzz`, there are no fields");
    expect(missingField("identity")).toBe("missing field `identity`");
    expect(duplicateField("network_proxy")).toBe("duplicate field `network_proxy`");
    expect(invalidLength(0, structLengthExpecting("struct RawMcpServerRequirement", 1))).toBe(
      "invalid length 0, expected struct RawMcpServerRequirement with 1 element",
    );
    expect(structLengthExpecting("struct OtelRequirementsToml", 11)).toBe(
      "struct OtelRequirementsToml with 11 elements",
    );
  });
});
