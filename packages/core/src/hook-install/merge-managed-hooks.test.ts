import { describe, expect, it } from "vitest";
import { validatePolicyFile } from "../validate/validate-policy-file.ts";
import { type ManagedHooksSpec, renderManagedHooksBlock } from "./managed-hooks-block.ts";
import { isWardenHooksTable, mergeManagedHooks } from "./merge-managed-hooks.ts";

const spec: ManagedHooksSpec = {
  managedDir: "/etc/codex/warden",
  command: "/opt/warden/bin/warden hook",
  events: ["PreToolUse", "UserPromptSubmit"],
  timeout: 10,
};
const BLOCK = renderManagedHooksBlock(spec);

function merged(existing: string | null, force = false): string {
  const result = mergeManagedHooks(existing, spec, force);
  if ("error" in result) throw new Error(result.error.message);
  return result.text;
}

describe("renderManagedHooksBlock", () => {
  it("writes one group per event with a command handler and passes Codex's requirements schema", () => {
    expect(BLOCK).toBe(
      [
        "# Managed by `warden hook install`; rerun it to change this block.",
        "[hooks]",
        'managed_dir = "/etc/codex/warden"',
        "",
        "[[hooks.PreToolUse]]",
        "[[hooks.PreToolUse.hooks]]",
        'type = "command"',
        'command = "/opt/warden/bin/warden hook"',
        "timeout = 10",
        "",
        "[[hooks.UserPromptSubmit]]",
        "[[hooks.UserPromptSubmit.hooks]]",
        'type = "command"',
        'command = "/opt/warden/bin/warden hook"',
        "timeout = 10",
        "",
      ].join("\n"),
    );
    const report = validatePolicyFile({ file: "requirements.toml", text: BLOCK, kind: "requirements" });
    expect(report.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("escapes quotes, backslashes and control characters", () => {
    const text = renderManagedHooksBlock({ ...spec, command: 'C:\\w "x"\u007f' });
    expect(text).toContain('command = "C:\\\\w \\"x\\"\\u007F"');
  });
});

describe("mergeManagedHooks", () => {
  it("creates the file", () => {
    expect(mergeManagedHooks(null, spec, false)).toEqual({ text: BLOCK, change: "created" });
  });

  it("appends to a file without hooks, keeping its comments byte for byte", () => {
    const existing = '# fleet policy\nallowed_sandbox_modes = ["read-only"] # strict\n';
    const result = mergeManagedHooks(existing, spec, false);
    expect(result).toEqual({ text: `${existing}\n${BLOCK}`, change: "added" });
  });

  it("is idempotent", () => {
    const once = merged("a = 1\n");
    expect(mergeManagedHooks(once, spec, false)).toEqual({ text: once, change: "unchanged" });
  });

  it("replaces Warden's own block, keeping what surrounds it", () => {
    const old = merged("# head\nallow_managed_hooks_only = true\n").replace("timeout = 10", "timeout = 30");
    const withTail = `${old}\n# tail comment\n[features]\nhooks = true\n`;
    const result = mergeManagedHooks(withTail, { ...spec, events: ["PreToolUse"] }, false);
    expect("text" in result && result.change).toBe("replaced");
    const text = "text" in result ? result.text : "";
    expect(text).toContain("# head\nallow_managed_hooks_only = true\n");
    expect(text).toContain("# tail comment\n[features]\nhooks = true\n");
    expect(text).not.toContain("timeout = 30");
    expect(text).not.toContain("UserPromptSubmit");
    expect(text.match(/Managed by/g)).toHaveLength(1);
  });

  it("refuses a different managed hooks configuration without --force", () => {
    const other =
      '[hooks]\nmanaged_dir = "/opt/guard"\n[[hooks.PreToolUse]]\n[[hooks.PreToolUse.hooks]]\ntype = "command"\ncommand = "python3 /opt/guard/pre.py"\n';
    const refused = mergeManagedHooks(`x = 1\n${other}`, spec, false);
    expect("error" in refused && refused.error.code).toBe("conflict");
    const forced = merged(`x = 1\n${other}`, true);
    expect(forced).toBe(`x = 1\n\n${BLOCK}`);
  });

  it("removes dotted and inline hooks keys too", () => {
    expect(merged('hooks = { managed_dir = "/etc/codex/warden" }\nb = 2\n')).toBe(`b = 2\n\n${BLOCK}`);
  });

  it("reports a file that does not parse", () => {
    const result = mergeManagedHooks("a = [\n", spec, false);
    expect("error" in result && result.error.code).toBe("syntax");
  });
});

describe("isWardenHooksTable", () => {
  it.each([
    [{ PreToolUse: [{ hooks: [{ type: "command", command: "/x/bin/warden hook" }] }] }, true],
    [{ PreToolUse: [{ hooks: [{ type: "command", command: "node /x/dist/hook.cjs --policy p" }] }] }, true],
    [{ PreToolUse: [{ hooks: [{ type: "command", command: "/x/wardenish hook" }] }] }, false],
    [{ managed_dir: "/etc/codex/warden" }, true],
    [{ managed_dir: "/opt/other" }, false],
  ])("%j → %s", (hooks, expected) => {
    expect(isWardenHooksTable(hooks, "/etc/codex/warden")).toBe(expected);
  });
});
