// Bundles the managed hook (packages/agent/src/hook/hook-main.ts) into one small CommonJS file with
// no runtime dependencies: Codex starts it on every tool call, so each module in it costs startup
// time (dependencies.md §3). Fails when a module that belongs only to the CLI reaches the bundle.
import { spawnSync } from "node:child_process";
import { mkdtempSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

const ROOT = fileURLToPath(new URL("..", import.meta.url));

/** Modules the hook must never load (TOML parsers, serde, regex engines, the CLI framework…). */
export const FORBIDDEN_IN_HOOK = [
  /node_modules\/(smol-toml|toml-eslint-parser|@rainbowatcher|re2js|commander|picomatch|plist)\//,
  /packages\/core\/src\/(toml|serde|config|requirements|validate|explain|features)\//,
  /packages\/cli\//,
];

/** Compiling the bundle is part of every hook start; past this size, look at what grew. */
export const MAX_HOOK_BYTES = 192 * 1024;

/**
 * Bundles one hook entry into a CommonJS file, fully minified: shorter source and identifiers make
 * the code cache smaller, and reading and deserializing it is part of every start. Stack traces
 * are not part of the hook's answers.
 */
async function bundleMinified(entry, outfile) {
  const result = await build({
    absWorkingDir: ROOT,
    entryPoints: [entry],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    minify: true,
    metafile: true,
    logLevel: "warning",
  });
  return { result, output: result.metafile.outputs[Object.keys(result.metafile.outputs)[0]] };
}

/** The fast-path client is loaded on every hook start before anything else: it stays tiny. */
export const MAX_HOOK_CLIENT_BYTES = 8 * 1024;

/**
 * Builds dist/hook-client.cjs (bin/warden-hook.cjs loads it first; hook-client-main.ts), failing
 * when it grows past its budget or reaches for more of node than it needs.
 */
export async function buildHookClient(outfile = "dist/hook-client.cjs") {
  const { output } = await bundleMinified("packages/agent/src/hook/hook-client-main.ts", outfile);
  // node:child_process only starts a daemon (`--daemon auto`, none running): required lazily then.
  const allowed = ["node:fs", "node:path", "node:child_process"];
  const imports = output.imports.map((entry) => entry.path).filter((path) => !allowed.includes(path));
  if (imports.length > 0)
    throw new Error(`the hook client may load ${allowed.join(", ")} alone, not ${imports.join(", ")}`);
  if (output.bytes > MAX_HOOK_CLIENT_BYTES) {
    throw new Error(`the hook client is ${output.bytes} bytes; its budget is ${MAX_HOOK_CLIENT_BYTES}`);
  }
  return { bytes: output.bytes };
}

/** The native client's source (bin/warden runs the binary when the build could compile it). */
export const NATIVE_HOOK_CLIENT_SOURCE = "packages/agent/native/warden-hook-client.c";

/**
 * Compiles the native fast-path client into `outfile` with the C compiler in $CC (default `cc`).
 * It is an optimisation: with no compiler the build goes on without it (bin/warden then uses the
 * node client) and says so; a compiler that rejects the source is an error, since that is ours.
 * The binary is written under a temporary name and renamed, so a running hook never sees half.
 */
export function buildNativeHookClient(outfile = "dist/warden-hook-client") {
  const cc = process.env.CC || "cc";
  const temp = `${outfile}.${process.pid}.tmp`;
  const flags = ["-O2", "-std=c99", "-Wall", "-Wextra", "-Werror", "-o", temp, NATIVE_HOOK_CLIENT_SOURCE];
  const compiled = spawnSync(cc, flags, { cwd: ROOT, encoding: "utf8" });
  if (compiled.error?.code === "ENOENT") {
    rmSync(join(ROOT, outfile), { force: true }); // never leave a stale client behind
    console.warn(`warden build: no C compiler (${cc}); the hook's fast path uses the node client`);
    return { built: false };
  }
  if (compiled.status !== 0) {
    rmSync(join(ROOT, temp), { force: true });
    throw new Error(`compiling ${NATIVE_HOOK_CLIENT_SOURCE} failed:\n${compiled.error?.message ?? compiled.stderr}`);
  }
  renameSync(join(ROOT, temp), join(ROOT, outfile));
  return { built: true };
}

/** Builds the hook bundle at `outfile`; returns its size and the modules in it. */
export async function buildHook(outfile = "dist/hook.cjs") {
  const { result, output } = await bundleMinified("packages/agent/src/hook/hook-main.ts", outfile);
  const inputs = Object.keys(result.metafile.inputs);
  const forbidden = inputs.filter((input) => FORBIDDEN_IN_HOOK.some((pattern) => pattern.test(input)));
  if (forbidden.length > 0) {
    throw new Error(`the hook bundle must not contain:\n  ${forbidden.join("\n  ")}`);
  }
  if (output.bytes > MAX_HOOK_BYTES) {
    throw new Error(
      `the hook bundle is ${output.bytes} bytes; its budget is ${MAX_HOOK_BYTES} (each KiB costs startup time)`,
    );
  }
  return { bytes: output.bytes, inputs };
}

/**
 * Writes dist/hook.cjs.cache (V8 code cache; bin/warden-hook.cjs loads it) by running the hook
 * once on a typical PreToolUse event, so the functions a decision needs are cached compiled.
 * Needs dist/warden.cjs (the policy is compiled with the CLI). A cache from another node build
 * is simply rejected by V8.
 */
export function primeHookCodeCache() {
  const work = mkdtempSync(join(tmpdir(), "warden-hook-prime-"));
  try {
    const policy = join(work, "hook-policy.json");
    const toml = join(ROOT, "scripts/hook-prime-policy.toml");
    const compile = spawnSync(
      process.execPath,
      [join(ROOT, "bin/warden.cjs"), "policy", "compile", toml, "-o", policy],
      {
        encoding: "utf8",
      },
    );
    if (compile.status !== 0) throw new Error(`priming the hook cache: ${compile.stdout}${compile.stderr}`);
    rmSync(join(ROOT, "dist/hook.cjs.cache"), { force: true });
    const event = JSON.stringify({
      session_id: "prime",
      turn_id: "prime",
      transcript_path: null,
      cwd: ROOT,
      hook_event_name: "PreToolUse",
      model: "prime",
      permission_mode: "default",
      tool_name: "Bash",
      tool_input: { command: 'git status && curl -H "Authorization: Bearer abc.def.ghi" https://example.com | jq .' },
      tool_use_id: "prime",
    });
    const env = { ...process.env, WARDEN_WRITE_CODE_CACHE: "1" };
    delete env.NODE_EXTRA_CA_CERTS;
    const args = [join(ROOT, "bin/warden-hook.cjs"), "--policy", policy, "--spool-dir", join(work, "spool")];
    const run = spawnSync(process.execPath, args, { input: event, env, encoding: "utf8" });
    if (run.status !== 0 || run.stderr !== "") throw new Error(`priming the hook cache: ${run.status} ${run.stderr}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
