import { describe, expect, it } from "vitest";
import { runLint, where } from "./lint-fixture.ts";
import { remoteSandboxWithoutReadOnly } from "./remote-sandbox-without-read-only.ts";

const entry = (modes: string) =>
  `[[remote_sandbox_config]]\nhostname_patterns = ["build-*.corp"]\nallowed_sandbox_modes = ${modes}\n`;

describe("remoteSandboxWithoutReadOnly", () => {
  it.each([
    // Probed: on host build-1.corp, ["workspace-write"] makes 0.169.0 refuse to start with the read-only error.
    ["workspace-write only", entry('["workspace-write"]'), ["3:25 remote_sandbox_config[0].allowed_sandbox_modes"]],
    ["empty list", entry("[]"), ["3:25 remote_sandbox_config[0].allowed_sandbox_modes"]],
    ["with read-only", entry('["read-only", "workspace-write"]'), []],
    [
      "second entry only",
      entry('["read-only"]') + entry('["danger-full-access"]'),
      ["6:25 remote_sandbox_config[1].allowed_sandbox_modes"],
    ],
    ["top-level list (an error, reported elsewhere)", 'allowed_sandbox_modes = ["workspace-write"]\n', []],
  ])("%s", (_name, text, expected) => {
    const found = runLint(remoteSandboxWithoutReadOnly, text);
    expect(where(found)).toEqual(expected);
    for (const d of found) expect(d).toMatchObject({ code: "sandbox-modes-without-read-only", severity: "warning" });
  });
});
