import type { ConfigLayerNameV1, ExplainResultV1 } from "@warden/protocol";

/** Renders a config layer name for people, like Codex's own layer display strings (spec §2.5). */
export function describeLayer(name: ConfigLayerNameV1): string {
  switch (name.type) {
    case "system":
      return `system (${name.file})`;
    case "user":
      return name.profile ? `user profile ${name.profile} (${name.file})` : `user (${name.file})`;
    case "project":
      return `project (${name.dotCodexFolder})`;
    case "sessionFlags":
      return "session flags (-c / --enable / --disable)";
    case "legacyManagedConfigTomlFromFile":
      return `legacy managed_config.toml (${name.file})`;
    case "legacyManagedConfigTomlFromMdm":
      return "legacy managed_config.toml (MDM)";
    case "enterpriseManaged":
      return `enterprise-managed (${name.name}, ${name.id})`;
    default:
      return name.type;
  }
}

interface Row {
  key: string;
  value: string;
  setBy: string;
  note: string;
}

const ROWS: ReadonlyArray<{
  key: string;
  configKeys: string[];
  warningField: string;
  pick: (r: ExplainResultV1) => unknown;
}> = [
  {
    key: "approval_policy",
    configKeys: ["approval_policy"],
    warningField: "approval_policy",
    pick: (r) => r.effective?.approvalPolicy,
  },
  {
    key: "approvals_reviewer",
    configKeys: ["approvals_reviewer"],
    warningField: "approvals_reviewer",
    pick: (r) => r.effective?.approvalsReviewer,
  },
  {
    key: "sandbox_mode",
    configKeys: ["default_permissions", "sandbox_mode"],
    warningField: "permission_profile",
    pick: (r) => r.effective?.sandboxMode,
  },
  {
    key: "permission_profile",
    configKeys: ["default_permissions"],
    warningField: "permission_profile",
    pick: (r) => r.effective?.activePermissionProfile?.id ?? null,
  },
  {
    key: "web_search_mode",
    configKeys: ["web_search"],
    warningField: "web_search_mode",
    pick: (r) => r.effective?.webSearchMode,
  },
  { key: "model", configKeys: ["model"], warningField: "model", pick: (r) => r.effective?.model },
  {
    key: "model_provider",
    configKeys: ["model_provider"],
    warningField: "model_provider",
    pick: (r) => r.effective?.modelProvider,
  },
];

function format(value: unknown): string {
  if (value === null || value === undefined) return "-";
  return typeof value === "string" ? value : JSON.stringify(value);
}

function table(rows: Row[]): string {
  const headers: Row = { key: "KEY", value: "EFFECTIVE", setBy: "SET BY", note: "OVERRIDDEN / WHY" };
  const all = [headers, ...rows];
  const width = (k: keyof Row) => Math.max(...all.map((r) => r[k].length));
  const [wk, wv, ws] = [width("key"), width("value"), width("setBy")];
  return all
    .map((r) => `${r.key.padEnd(wk)}  ${r.value.padEnd(wv)}  ${r.setBy.padEnd(ws)}  ${r.note}`.trimEnd())
    .join("\n");
}

/** The human form of `warden explain`: effective values, who set them, and what was overridden. */
export function renderExplainTable(result: ExplainResultV1): string {
  const out: string[] = [`Codex ${result.codexVersion}`];
  if (result.error !== null || result.effective === null) {
    out.push("", "Codex would refuse to start:", ...indent(result.error ?? "unknown error"));
    if (result.errorLocation) {
      const loc = result.errorLocation;
      out.push(
        `  at ${[loc.file, loc.line, loc.column].filter((x) => x !== null).join(":")}${loc.keyPath ? ` (${loc.keyPath})` : ""}`,
      );
    }
    return `${out.join("\n")}\n`;
  }
  const rows: Row[] = ROWS.map((spec) => {
    const origin = spec.configKeys.map((k) => result.origins[k]).find((o) => o !== undefined);
    const warning = result.warnings.find((w) => w.includes(`\`${spec.warningField}\``));
    return {
      key: spec.key,
      value: format(spec.pick(result)),
      setBy: warning ? "requirements" : origin ? describeLayer(origin) : "default",
      note: warning ? summarizeWarning(warning) : "",
    };
  });
  for (const [name, enabled] of Object.entries(result.effective.featuresChangedFromDefault)) {
    const origin = result.origins[`features.${name}`];
    rows.push({
      key: `features.${name}`,
      value: String(enabled),
      setBy: origin ? describeLayer(origin) : "requirements",
      note: "",
    });
  }
  for (const [name, server] of Object.entries(result.effective.mcpServers)) {
    const origin = result.origins[`mcp_servers.${name}.command`] ?? result.origins[`mcp_servers.${name}.url`];
    rows.push({
      key: `mcp_servers.${name}`,
      value: server.enabled ? "enabled" : "disabled",
      setBy: origin ? describeLayer(origin) : "-",
      note: server.disabledReason ? `disabled by ${server.disabledReason}` : "",
    });
  }
  out.push("", table(rows));
  if (result.effective.hooks.length > 0) {
    out.push("", "Hooks:");
    for (const hook of result.effective.hooks) {
      out.push(`  ${hook.eventName.padEnd(18)} ${hook.trustStatus.padEnd(9)} ${hook.source.padEnd(8)} ${hook.key}`);
    }
  }
  if (result.warnings.length > 0)
    out.push("", "Warnings (as Codex prints them):", ...result.warnings.map((w) => `  - ${w}`));
  return `${out.join("\n")}\n`;
}

function indent(text: string): string[] {
  return text
    .trimEnd()
    .split("\n")
    .map((line) => `  ${line}`);
}

function summarizeWarning(warning: string): string {
  const match = /falling back (?:from `[^`]+` )?to required value (.+?)\.? Details: (.*)$/.exec(warning);
  if (match) return `fell back: ${match[2]}`;
  const override = /overridden by the required value (.+) from (.+)\.$/.exec(warning);
  if (override) return `required ${override[1]} by ${override[2]}`;
  return warning;
}
