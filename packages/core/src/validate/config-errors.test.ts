import { describe, expect, it } from "vitest";
import { FEATURE_REGISTRIES } from "../features/feature-registry.ts";
import { parseToml } from "../toml/parse-toml.ts";
import { configErrors } from "./config-errors.ts";
import { diagnosticAt } from "./diagnostic-at.ts";

const FILE = "/etc/codex/config.toml";

function run(text: string) {
  const parsed = parseToml(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const { document } = parsed;
  return configErrors(FILE, document, document.value, FEATURE_REGISTRIES["0.169.0"])
    .map((f) => diagnosticAt({ file: FILE, document }, f))
    .map((d) => [d.code, `${d.line}:${d.column}`, d.message]);
}

describe("configErrors", () => {
  it.each([
    ["a valid file", 'model = "gpt-5"\napproval_policy = "on-request"\n', []],
    // Probed positions and texts (`/etc/codex/config.toml:L:C: message`).
    ["wrong type", "model = 1\n", [["config-type", "1:9", "invalid type: integer `1`, expected a string"]]],
    [
      "feature value",
      '[features]\napps = "yes"\n',
      [["config-type", "2:8", 'invalid type: string "yes", expected a boolean']],
    ],
    [
      "MCP transport",
      '[mcp_servers.x]\nurl = "https://x"\ncommand = "y"\n',
      [["config-type", "1:1", "url is not supported for stdio"]],
    ],
    [
      "every type error, then the merged checks",
      'model = 1\nweb_search = "bogus"\nprofile = "x"\napproval_policy = "untrusted"\n',
      [
        ["config-type", "1:9", "invalid type: integer `1`, expected a string"],
        ["config-type", "2:14", "unknown variant `bogus`, expected one of `disabled`, `cached`, `indexed`, `live`"],
        [
          "config-unsupported",
          "3:11",
          'legacy `profile = "x"` config is no longer supported; use `--profile x` with `x.config.toml` instead',
        ],
        ["config-unsupported", "4:19", 'approval_policy = "untrusted" is no longer supported; remove this setting'],
      ],
    ],
    [
      "shell policy mixing",
      '[shell_environment_policy]\nexclude = ["A"]\n[shell_environment_policy.filters]\n',
      [["config-unsupported", "1:1", "cannot mix `filters` with legacy `exclude` or `include_only`"]],
    ],
  ])("%s", (_name, text, expected) => {
    expect(run(text)).toEqual(expected);
  });
});
