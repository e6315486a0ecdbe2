// Turns raw probe results into the observation's fields (effective values, warnings, the web search mode).
import { cleanWarnings } from "./normalize.mjs";

const SANDBOX_TYPES = {
  readOnly: "read-only",
  workspaceWrite: "workspace-write",
  dangerFullAccess: "danger-full-access",
  externalSandbox: "external-sandbox",
};

// thread/start + experimentalFeature/list + hooks/list (+ mcp list) of a profile-less scenario.
export function appServerEffective(app, mcp) {
  const ts = app.threadStart.result;
  const features = Object.fromEntries(app.features.map((f) => [f.name, f.enabled]));
  const changed = app.features.filter((f) => f.enabled !== f.defaultEnabled).map((f) => [f.name, f.enabled]);
  return {
    approvalPolicy: ts.approvalPolicy,
    approvalsReviewer: ts.approvalsReviewer,
    sandboxMode: SANDBOX_TYPES[ts.sandbox?.type] ?? ts.sandbox?.type ?? null,
    webSearchMode: null, // filled from the exec probe
    activePermissionProfile: ts.activePermissionProfile ?? null,
    model: ts.model,
    modelProvider: ts.modelProvider,
    features,
    featuresChangedFromDefault: Object.fromEntries(changed),
    mcpServers: mcpServers(mcp),
    hooks: hooksList(app.hooks),
  };
}

export function mcpServers(mcp) {
  if (!Array.isArray(mcp?.servers)) return null;
  return Object.fromEntries(
    mcp.servers.map((s) => [s.name, { enabled: s.enabled, disabledReason: s.disabled_reason ?? null }]),
  );
}

function hooksList(hooks) {
  if (!hooks?.result) return null;
  return hooks.result.data.flatMap((entry) =>
    entry.hooks.map((h) => ({
      key: h.key,
      eventName: h.eventName,
      source: h.source,
      isManaged: h.isManaged,
      trustStatus: h.trustStatus,
      currentHash: h.currentHash,
    })),
  );
}

// configWarning summaries (+ details) and thread `warning` messages, in arrival order.
export function appServerWarnings(app) {
  const list = [];
  for (const n of app.notifications ?? []) {
    if (n.method === "configWarning") {
      list.push(n.params.summary);
      if (n.params.details) list.push(n.params.details);
    } else if (n.method === "warning") list.push(n.params.message);
  }
  return cleanWarnings(list);
}

// Effective approval/sandbox of a --profile scenario from `codex -p P debug prompt-input`'s
// permissions text, model/provider from the `codex exec -p P` banner. Returns {values, unobserved}.
export function profileEffective(pi, banner) {
  const text = pi.permissions ?? "";
  const values = {};
  const unobserved = [];
  const sandbox = /`sandbox_mode` is `([a-z-]+)`/.exec(text)?.[1];
  if (sandbox) values.sandboxMode = sandbox;
  else unobserved.push("effective.sandboxMode");
  if (/Approval policy is currently never/.test(text)) values.approvalPolicy = "never";
  else if (/`approval_policy` is `unless-trusted`/.test(text)) values.approvalPolicy = "untrusted";
  // "# Escalation Requests" is the on-request text (on-failure is loaded as on-request, see
  // scenario 019). The granular text omits categories of disabled features and the
  // auto_review reviewer text does not name the policy: those stay unobserved.
  else if (/^# Escalation Requests$/m.test(text) && !/`approvals_reviewer` is/.test(text)) {
    values.approvalPolicy = "on-request";
  } else unobserved.push("effective.approvalPolicy");
  if (/`approvals_reviewer` is `auto_review`/.test(text)) values.approvalsReviewer = "auto_review";
  else unobserved.push("effective.approvalsReviewer");
  if (banner?.banner?.model) {
    values.model = banner.banner.model;
    values.modelProvider = banner.banner.provider;
  } else unobserved.push("effective.model", "effective.modelProvider");
  return { values, unobserved };
}

// The web_search tool of the exec 'web' probe (-s read-only, so no per-turn upgrade):
// absent => disabled, external_web_access false => cached, indexed_web_access => indexed, else live.
export function webSearchFromExec(execWeb) {
  if (execWeb?.exitCode !== 0 || execWeb.codeMode !== false || execWeb.webSearchTool === undefined) {
    return null;
  }
  const t = execWeb.webSearchTool;
  if (!t) return "disabled";
  if (t.indexed_web_access) return "indexed";
  return t.external_web_access === false ? "cached" : "live";
}

// Cross-check only (raw): fallback warning value, else the configured `web_search`, else null.
export function webSearchFromWarnings(warnings, configured) {
  for (const w of warnings) {
    const m =
      /^Configured value for `web_search_mode` is disallowed by requirements; falling back to required value (\w+)\./.exec(
        w,
      );
    if (m) return m[1].toLowerCase();
  }
  return configured ?? null;
}
