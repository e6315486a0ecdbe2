import { describe, expect, it } from "vitest";
import { parseConfigSandboxMode, sandboxModeListDebug } from "./sandbox-mode.ts";

describe("sandbox-mode", () => {
  it("renders lists in TOML order with Debug names (probed: `[ReadOnly, ExternalSandbox]`)", () => {
    expect(sandboxModeListDebug(["read-only", "external-sandbox"])).toBe("[ReadOnly, ExternalSandbox]");
    expect(sandboxModeListDebug(["workspace-write", "danger-full-access"])).toBe("[WorkspaceWrite, DangerFullAccess]");
    expect(sandboxModeListDebug([])).toBe("[]");
  });
  it("accepts only the three config.toml sandbox modes", () => {
    expect(parseConfigSandboxMode("workspace-write")).toBe("workspace-write");
    expect(parseConfigSandboxMode("external-sandbox")).toBeNull();
    expect(parseConfigSandboxMode(1n)).toBeNull();
  });
});
