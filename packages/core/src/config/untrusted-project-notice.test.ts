import { describe, expect, it } from "vitest";
import type { ConfigLayer } from "./config-layer.ts";
import { EXEC_UNTRUSTED_PROJECT_WARNING, untrustedProjectNotice } from "./untrusted-project-notice.ts";

const project = (folder: string, disabledReason: string | null): ConfigLayer => ({
  name: { type: "project", dotCodexFolder: folder },
  precedence: 25,
  config: {},
  document: null,
  disabledReason,
});

describe("untrustedProjectNotice", () => {
  const layers = [project("/p/.codex", "R1"), project("/p/a/.codex", null), project("/p/a/b/.codex", "R2")];

  // Observed from the binary: app-server `configWarning.summary` and `codex exec` `warning:` line.
  it("lists disabled folders for the app-server", () => {
    expect(untrustedProjectNotice(layers, "app-server")).toBe(
      "Project-local config, hooks, and exec policies are disabled in the following folders until the project is trusted, but skills still load.\n    1. /p/.codex\n       R1\n    2. /p/a/b/.codex\n       R2\n",
    );
  });

  it("prints one fixed line for exec", () => {
    expect(untrustedProjectNotice(layers, "exec")).toBe(EXEC_UNTRUSTED_PROJECT_WARNING);
    expect(EXEC_UNTRUSTED_PROJECT_WARNING).toMatch(
      /^Untrusted project-local configuration is disabled\. Run `codex exec --trust`/,
    );
  });

  it("is silent when nothing is disabled", () => {
    expect(untrustedProjectNotice([project("/p/.codex", null)], "app-server")).toBeNull();
  });
});
