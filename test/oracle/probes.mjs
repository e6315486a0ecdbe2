// The individual Codex probes (app-server JSON-RPC, mcp list, debug prompt-input, exec against the mock model), each returning raw facts.
import { startAppServer } from "./app-server-client.mjs";
import { firstTurnRequest, startMockModel } from "./mock-model.mjs";
import { codexEnv, fatalError, runCodex, stderrWarnings, wrapperArgv } from "./run.mjs";

const PROMPT = "warden oracle probe";
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const rpc = (reply) => (reply.result !== undefined ? { result: reply.result } : { error: rpcError(reply) });
const rpcError = (reply) =>
  reply.error ? (reply.error.message ?? JSON.stringify(reply.error)) : reply.exited ? "<exited>" : "<timeout>";

// `codex app-server --print-startup-config`: requirements only, or a JSON error.
export async function startupConfigProbe(s, bin) {
  const r = await runCodex(s, bin, ["app-server", ...s.flags, "--print-startup-config"]);
  try {
    return JSON.parse(r.stdout);
  } catch {
    return { error: { message: fatalError(r.stderr) ?? `exit ${r.code}` } };
  }
}

// One app-server session: config/read, configRequirements/read, experimentalFeature/list,
// hooks/list, thread/start, and every notification until the server has been quiet for a while.
export async function appServerProbe(s, bin) {
  const argv = [...wrapperArgv(s), bin, "app-server", ...s.flags];
  const srv = await startAppServer({ argv, env: codexEnv(s), cwd: s.cwd });
  const out = { alive: srv.init.result !== undefined };
  if (out.alive) {
    out.configRead = rpc(await srv.call("config/read", { includeLayers: true, cwd: s.cwd }));
    out.requirements = rpc(await srv.call("configRequirements/read", null));
    out.features = [];
    let cursor = null;
    do {
      const page = rpc(await srv.call("experimentalFeature/list", { cursor, limit: 500 }));
      if (page.error) {
        out.featuresError = page.error;
        break;
      }
      out.features.push(...page.result.data);
      cursor = page.result.nextCursor;
    } while (cursor);
    out.hooks = rpc(await srv.call("hooks/list", { cwds: [s.cwd] }));
    out.threadStart = rpc(await srv.call("thread/start", { cwd: s.cwd, ephemeral: true }));
    // Thread warnings arrive asynchronously after the thread/start reply.
    for (let seen = -1, quiet = 0; quiet < 400; ) {
      await sleep(50);
      quiet = srv.notifications.length === seen ? quiet + 50 : 0;
      seen = srv.notifications.length;
    }
  }
  out.exit = await srv.close();
  out.notifications = srv.notifications.filter((n) => n.method !== "mcpServer/startupStatus/updated");
  out.stderrError = fatalError(srv.stderr);
  return out;
}

// `codex [-p P] mcp list --json`.
export async function mcpListProbe(s, bin) {
  const r = await runCodex(s, bin, [...s.profileFlags, "mcp", "list", "--json", ...s.flags]);
  let servers = null;
  try {
    servers = JSON.parse(r.stdout);
  } catch {}
  return { exitCode: r.code, servers, error: fatalError(r.stderr), warnings: stderrWarnings(r.stderr) };
}

// `codex [-p P] debug prompt-input`: fatal error text, and the model-visible permissions text.
export async function promptInputProbe(s, bin) {
  const r = await runCodex(s, bin, [...s.profileFlags, "debug", "prompt-input", ...s.flags]);
  let texts = [];
  try {
    texts = JSON.parse(r.stdout).flatMap((it) => (it.content ?? []).map((c) => c.text).filter(Boolean));
  } catch {}
  const tagged = (tag) => {
    for (const t of texts) {
      const i = t.indexOf(`<${tag}>`);
      if (i >= 0) return t.slice(i, t.indexOf(`</${tag}>`, i) + tag.length + 3);
    }
    return null;
  };
  return {
    exitCode: r.code,
    error: fatalError(r.stderr),
    permissions: tagged("permissions instructions"),
    environment: tagged("environment_context"),
    warnings: stderrWarnings(r.stderr),
  };
}

// How to point `codex exec` at the mock: a custom provider via -c, unless requirements pin
// the provider or managed_config.toml (the top config layer, above -c) sets one; then keep
// the built-in `openai` provider and redirect it with openai_base_url.
function redirect(url, requirements, viaOpenai) {
  if (viaOpenai || requirements?.modelProvider) {
    return { env: { CODEX_API_KEY: "dummy" }, args: ["-c", `openai_base_url="${url}"`], strategy: "openai_base_url" };
  }
  const p = "model_providers.warden_oracle_mock";
  const args = ["-c", 'model_provider="warden_oracle_mock"', "-c", `${p}.name="warden-oracle-mock"`];
  args.push("-c", `${p}.base_url="${url}"`, "-c", `${p}.wire_api="responses"`, "-c", `${p}.env_key="MOCK_API_KEY"`);
  return { env: { MOCK_API_KEY: "dummy" }, args, strategy: "custom provider" };
}

// One `codex exec` turn against the mock. kind 'web': `-m mock-model -s read-only` so the
// turn offers classic function tools and no danger-full-access per-turn web-search upgrade;
// kind 'banner': the configured model/provider/approval/sandbox as exec prints them.
export async function execProbe(s, bin, kind, { requirements, viaOpenai }) {
  const pinned = requirements?.modelProvider;
  if (pinned && pinned !== "openai") return { skipped: `requirements pin model_provider = "${pinned}"` };
  const mock = await startMockModel();
  try {
    const rd = redirect(mock.url, requirements, viaOpenai || kind === "banner");
    const extra = kind === "web" ? ["-m", "mock-model", "-s", "read-only"] : [];
    // The scenario's own flags go first so that the redirect's -c values win.
    const args = ["exec", "--skip-git-repo-check", "--color", "never", ...s.profileFlags, ...s.flags, ...rd.args];
    const r = await runCodex(s, bin, [...args, ...extra, PROMPT], {
      timeoutMs: 30000,
      env: rd.env,
    });
    const lines = r.stderr.split("\n");
    const banner = {};
    const start = lines.indexOf("--------");
    for (let i = start + 1; start >= 0 && i < lines.length && lines[i] !== "--------"; i++) {
      const m = /^([a-z ]+): (.*)$/.exec(lines[i]);
      if (m && m[1] !== "session id" && m[1] !== "workdir") banner[m[1]] = m[2];
    }
    const turn = firstTurnRequest(mock.requests, PROMPT);
    const ws = turn?.tools.find((t) => t.type === "web_search") ?? null;
    return {
      strategy: rd.strategy,
      exitCode: r.code,
      timedOut: r.timedOut,
      ms: r.ms,
      banner,
      error: fatalError(r.stderr),
      warnings: stderrWarnings(r.stderr),
      codeMode: turn?.codeMode ?? null,
      webSearchTool: turn ? ws : undefined,
      toolNames: turn?.tools.map((t) => t.name ?? t.type) ?? null,
      requests: mock.requests.map((q) => `${q.method} ${q.path}`),
      stderrTail: r.stderr.split("\n").slice(-15).join("\n"),
    };
  } finally {
    await mock.close();
  }
}
