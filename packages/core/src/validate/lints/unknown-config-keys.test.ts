import { describe, expect, it } from "vitest";
import { runLint, where } from "./lint-fixture.ts";
import { unknownConfigKeys } from "./unknown-config-keys.ts";

describe("unknownConfigKeys", () => {
  it.each([
    ["top-level typo", 'modle = "gpt-5"\n', ["1:1 modle"], "Did you mean `model`?"],
    [
      "requirements key in config",
      'allowed_sandbox_modes = ["read-only"]\n',
      ["1:1 allowed_sandbox_modes"],
      "requirements setting",
    ],
    [
      "unknown feature",
      "[features]\nweb_search_reqest = true\n",
      ["2:1 features.web_search_reqest"],
      "`web_search_request`",
    ],
    [
      "project entry key",
      '[projects."/srv/a.b"]\ntrust_level = "trusted"\nmodel = "x"\n',
      ['3:1 projects."/srv/a.b".model'],
      "",
    ],
    [
      "project entry typo",
      '[projects."/srv/a"]\ntrust_lvl = "trusted"\n',
      ['2:1 projects."/srv/a".trust_lvl'],
      "`trust_level`",
    ],
    [
      "obsolete key with Codex's hint",
      "[windows]\nsandbox_private_desktop = true\n",
      ["2:1 windows.sandbox_private_desktop"],
      "legacy Windows sandboxes",
    ],
    ["known keys", 'model = "gpt-5"\napproval_policy = "on-request"\n[features]\nweb_search_request = true\n', [], ""],
  ])("%s", (_name, text, expected, fragment) => {
    const found = runLint(unknownConfigKeys, text, "/etc/codex/config.toml");
    expect(where(found)).toEqual(expected);
    for (const d of found) {
      expect(d).toMatchObject({ code: "unknown-key", severity: "warning" });
      expect(d.message).toContain(fragment);
    }
  });
});
