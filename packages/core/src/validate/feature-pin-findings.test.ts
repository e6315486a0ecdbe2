import { describe, expect, it } from "vitest";
import { parseToml } from "../toml/parse-toml.ts";
import { featurePinFindings } from "./feature-pin-findings.ts";

const FILE = "/etc/codex/requirements.toml";

function run(text: string) {
  const parsed = parseToml(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  return featurePinFindings(FILE, parsed.document.value).map((f) => [f.code, f.path!.join("."), f.message]);
}

describe("featurePinFindings", () => {
  it.each([
    ["canonical pins", "[features]\napps = false\n", []],
    // Probed (requirements-spec §6.4 case 68).
    [
      "unknown feature",
      "[features]\ntotally_unknown_feature = true\n",
      [
        [
          "ignored-feature-requirement",
          "features.totally_unknown_feature",
          `Ignoring unknown \`features\` requirement \`totally_unknown_feature\` from ${FILE}`,
        ],
      ],
    ],
    [
      "the alias spelling is located",
      "[feature_requirements]\nbogus = true\n",
      [
        [
          "ignored-feature-requirement",
          "feature_requirements.bogus",
          `Ignoring unknown \`features\` requirement \`bogus\` from ${FILE}`,
        ],
      ],
    ],
    ["auto_review pins guardian_approval silently", "[features]\nauto_review = true\n", []],
    ["no table", 'allowed_sandbox_modes = ["read-only"]\n', []],
  ])("%s", (_name, text, expected) => {
    expect(run(text)).toEqual(expected);
  });
});
