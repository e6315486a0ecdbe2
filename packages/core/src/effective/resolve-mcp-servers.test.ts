import { describe, expect, it } from "vitest";
import type { McpServerRequirement } from "../requirements/mcp-requirements-schema.ts";
import { resolveMcpServers } from "./resolve-mcp-servers.ts";

const source = "/etc/codex/requirements.toml";
const reason = `requirements (${source})`;

describe("resolveMcpServers (spec §4.10, §6.4 case 72)", () => {
  const configured = {
    docs: { command: "docs-server", args: ["--port", "1"] },
    remote: { url: "https://mcp.example.com/x/" },
    other: { command: "other" },
    off: { command: "docs-server", enabled: false },
  };

  it("keeps configured state without requirements", () => {
    expect(resolveMcpServers(configured, null)).toEqual({
      docs: { enabled: true, disabledReason: null },
      off: { enabled: false, disabledReason: null },
      other: { enabled: true, disabledReason: null },
      remote: { enabled: true, disabledReason: null },
    });
  });

  it("allows exact commands regardless of args, rejects a URL with a different trailing slash, disables the unlisted", () => {
    const servers = {
      docs: { identity: { kind: "command", command: "docs-server" } },
      remote: { identity: { kind: "url", url: "https://mcp.example.com/x" } },
      off: { identity: { kind: "command", command: "docs-server" } },
    } as unknown as Record<string, McpServerRequirement>;
    expect(resolveMcpServers(configured, { servers, source })).toEqual({
      docs: { enabled: true, disabledReason: null },
      off: { enabled: false, disabledReason: null },
      other: { enabled: false, disabledReason: reason },
      remote: { enabled: false, disabledReason: reason },
    });
  });

  it("disables every server under an empty allow-list", () => {
    expect(resolveMcpServers({ a: { command: "a" } }, { servers: {}, source })).toEqual({
      a: { enabled: false, disabledReason: reason },
    });
  });
});
