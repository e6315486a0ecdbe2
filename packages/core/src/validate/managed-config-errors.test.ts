import { describe, expect, it } from "vitest";
import { FEATURE_REGISTRIES } from "../features/feature-registry.ts";
import { parseToml } from "../toml/parse-toml.ts";
import { diagnosticAt } from "./diagnostic-at.ts";
import { managedConfigErrors } from "./managed-config-errors.ts";

const FILE = "/etc/codex/managed_config.toml";

function run(text: string) {
  const parsed = parseToml(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const { document } = parsed;
  return managedConfigErrors(FILE, document, document.value, FEATURE_REGISTRIES["0.169.0"])
    .map((f) => diagnosticAt({ file: FILE, document }, f))
    .map((d) => [d.code, `${d.line}:${d.column}`, d.message]);
}

describe("managedConfigErrors", () => {
  it.each([
    ["valid legacy keys", 'approval_policy = "on-request"\nsandbox_mode = "workspace-write"\n', []],
    // Probed: the requirements reading fails first, with its own prefix; the key is not reported twice.
    [
      "legacy key with a bad value",
      'approval_policy = "bogus"\n',
      [
        [
          "managed-config-type",
          "1:19",
          "Failed to parse config requirements as TOML: unknown variant `bogus`, expected one of `untrusted`, `on-failure`, `on-request`, `granular`, `never`",
        ],
      ],
    ],
    [
      "external-sandbox is not a config sandbox mode",
      'sandbox_mode = "external-sandbox"\n',
      [
        [
          "managed-config-type",
          "1:16",
          "Failed to parse config requirements as TOML: unknown variant `external-sandbox`, expected one of `read-only`, `workspace-write`, `danger-full-access`",
        ],
      ],
    ],
    [
      "untrusted as a config value",
      'approval_policy = "untrusted"\n',
      [["config-unsupported", "1:19", 'approval_policy = "untrusted" is no longer supported; remove this setting']],
    ],
    [
      "other keys are config keys",
      "model = 1\n",
      [["config-type", "1:9", "invalid type: integer `1`, expected a string"]],
    ],
  ])("%s", (_name, text, expected) => {
    expect(run(text)).toEqual(expected);
  });
});
