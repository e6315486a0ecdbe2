// observeScenario(scenarioDir, {codexBin}) runs every probe for one scenario and returns the normalized `codex.json` observation.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import {
  appServerEffective,
  appServerWarnings,
  mcpServers,
  profileEffective,
  webSearchFromExec,
  webSearchFromWarnings,
} from "./derive.mjs";
import { cleanWarnings, dropVolatile, pathNormalizer } from "./normalize.mjs";
import { appServerProbe, execProbe, mcpListProbe, promptInputProbe, startupConfigProbe } from "./probes.mjs";
import { createScratch, readCase } from "./scratch.mjs";

// `codex --version` of the binary under test (e.g. "0.169.0"), cached per binary.
const versions = new Map();
export function codexVersion(codexBin) {
  if (!versions.has(codexBin)) {
    const out = spawnSync(codexBin, ["--version"], { encoding: "utf8" }).stdout ?? "";
    versions.set(codexBin, out.trim().replace(/^codex-cli\s+/, "") || null);
  }
  return versions.get(codexBin);
}

// Options: codexBin (required), keep (leave the scratch dir), probes (object that receives the raw probe results).
export async function observeScenario(scenarioDir, { codexBin, keep = false, probes = null } = {}) {
  const caseCfg = readCase(scenarioDir);
  const s = createScratch(scenarioDir, caseCfg);
  try {
    const p = {};
    p.startup = await startupConfigProbe(s, codexBin);
    p.appServer = await appServerProbe(s, codexBin);
    p.mcpList = await mcpListProbe(s, codexBin);
    p.promptInput = await promptInputProbe(s, codexBin);
    const obs = baseObservation(caseCfg, p, codexVersion(codexBin));
    if (obs.error === null) {
      const managed = path.join(s.etc, "managed_config.toml");
      const viaOpenai = fs.existsSync(managed) && /^\s*model_provider\s*=/m.test(fs.readFileSync(managed, "utf8"));
      p.execWeb = await execProbe(s, codexBin, "web", { requirements: obs.requirements, viaOpenai });
      if (caseCfg.profile) p.execBanner = await execProbe(s, codexBin, "banner", { requirements: obs.requirements });
      addEffective(obs, caseCfg, p);
    }
    obs.unobserved = [...new Set(obs.unobserved)];
    if (obs.unobserved.length === 0) delete obs.unobserved;
    if (probes) Object.assign(probes, pathNormalizer(s)(dropVolatile(p)));
    return pathNormalizer(s)(obs);
  } finally {
    if (!keep) s.remove();
  }
}

// Per-surface fatal errors; the observation's `error` prefers the CLI `Error: ` text.
function surfaceErrors(caseCfg, p) {
  const { appServer: app, mcpList: mcp, promptInput: pi } = p;
  const errors = {
    promptInput: pi.exitCode !== 0 ? (pi.error ?? `exit ${pi.exitCode}`) : null,
    mcpList: mcp.exitCode !== 0 ? (mcp.error ?? `exit ${mcp.exitCode}`) : null,
    appServer: !app.alive
      ? (app.stderrError ?? "app-server exited")
      : (app.configRead.error ?? app.threadStart.error ?? null),
    startupConfig: p.startup.error?.message ?? null,
  };
  // app-server has no --profile: its verdict does not count for profile scenarios.
  const order = caseCfg.profile ? ["promptInput", "mcpList"] : ["promptInput", "mcpList", "appServer"];
  const surface = order.find((k) => errors[k] !== null) ?? null;
  return { errors, surface, error: surface ? errors[surface] : null };
}

function baseObservation(caseCfg, p, version) {
  const app = p.appServer;
  const { errors, surface, error } = surfaceErrors(caseCfg, p);
  const requirements =
    app.alive && app.requirements?.result
      ? app.requirements.result.requirements
      : (p.startup.configRequirements?.requirements ?? null);
  const unobserved = [];
  let origins = {};
  if (caseCfg.profile || error !== null || !app.alive || !app.configRead.result) unobserved.push("origins");
  else origins = Object.fromEntries(Object.entries(app.configRead.result.origins).map(([k, v]) => [k, v.name]));
  if (error !== null) unobserved.push("warnings");
  return {
    codexVersion: version,
    error,
    requirements,
    effective: null,
    origins: sortKeys(origins),
    warnings: [],
    unobserved,
    raw: { errorSurface: surface, errors, appServerWarnings: app.alive ? appServerWarnings(app) : [] },
  };
}

// The app-server's warnings are the observation's own for profile-less, error-free scenarios.
function takeAppServerWarnings(obs) {
  obs.warnings = obs.raw.appServerWarnings;
  delete obs.raw.appServerWarnings;
}

function addEffective(obs, caseCfg, p) {
  const web = webSearchFromExec(p.execWeb);
  const raw = obs.raw;
  raw.execWeb = p.execWeb.skipped
    ? { skipped: p.execWeb.skipped }
    : {
        strategy: p.execWeb.strategy,
        exitCode: p.execWeb.exitCode,
        banner: p.execWeb.banner,
        webSearchTool: p.execWeb.webSearchTool ?? null,
        warnings: cleanWarnings(p.execWeb.warnings),
      };
  if (!caseCfg.profile) {
    obs.effective = appServerEffective(p.appServer, p.mcpList);
    takeAppServerWarnings(obs);
    const configured = p.appServer.configRead.result?.config?.web_search ?? null;
    raw.webSearchCheck = { fromExec: web, fromWarningsOrConfig: webSearchFromWarnings(obs.warnings, configured) };
    // Validates the --profile method (prompt-input text) against thread/start on every profile-less scenario.
    const { values } = profileEffective(p.promptInput, null);
    const agrees = ["approvalPolicy", "approvalsReviewer", "sandboxMode"].every(
      (k) => values[k] === undefined || JSON.stringify(values[k]) === JSON.stringify(obs.effective[k]),
    );
    raw.promptInputCheck = { ...values, agreesWithThreadStart: agrees };
  } else {
    const { values, unobserved } = profileEffective(p.promptInput, p.execBanner);
    obs.effective = {
      approvalPolicy: null,
      approvalsReviewer: null,
      sandboxMode: null,
      webSearchMode: null,
      activePermissionProfile: null,
      model: null,
      modelProvider: null,
      features: null,
      featuresChangedFromDefault: null,
      mcpServers: mcpServers(p.mcpList),
      hooks: null,
      ...values,
    };
    const fixed = ["activePermissionProfile", "features", "featuresChangedFromDefault", "hooks"];
    obs.unobserved.push(...unobserved, ...fixed.map((f) => `effective.${f}`));
    raw.profileNote =
      "app-server has no --profile: approvalPolicy/approvalsReviewer(auto_review only)/sandboxMode from " +
      "`codex -p P debug prompt-input` permissions text, " +
      "model/modelProvider/warnings from the `codex exec -p P` banner (mock via openai_base_url), webSearchMode from " +
      "`codex exec -p P` tools, mcpServers from `codex -p P mcp list --json`; the rest is unobserved.";
    raw.execBanner = p.execBanner.skipped ?? { exitCode: p.execBanner.exitCode, banner: p.execBanner.banner };
    obs.warnings = cleanWarnings([...(p.execBanner.warnings ?? []), ...p.mcpList.warnings]);
    // exec words the untrusted-project notice differently from the app-server.
    const execOnly = obs.warnings.some((w) => w.startsWith("Untrusted project-local configuration is disabled"));
    if (p.execBanner.exitCode !== 0 || execOnly) obs.unobserved.push("warnings");
    // exec always asks for approval `never`; if requirements forbid it, exec prints a fallback
    // warning that a session with the configured approval policy would not print.
    const allowed = obs.requirements?.allowedApprovalPolicies;
    if (allowed && !allowed.includes("never")) obs.unobserved.push("warnings");
  }
  obs.effective.webSearchMode = web;
  if (web === null) obs.unobserved.push("effective.webSearchMode");
}

function sortKeys(o) {
  return Object.fromEntries(
    Object.keys(o)
      .sort()
      .map((k) => [k, o[k]]),
  );
}
