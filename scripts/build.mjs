// Bundles the `warden` CLI with esbuild into two files: dist/warden-explain.cjs holds `explain` and
// `doctor` alone (the commands run most, whose start is budgeted), dist/warden.cjs every command.
// Each gets a V8 code cache (<bundle>.cache) primed by one typical run, so later starts skip most
// compilation. The managed hook gets its own tiny bundle, dist/hook.cjs (scripts/build-hook.mjs).
import { spawnSync } from "node:child_process";
import { existsSync, rmSync } from "node:fs";
import { build } from "esbuild";
import { buildHook, buildHookClient, buildNativeHookClient, primeHookCodeCache } from "./build-hook.mjs";

// commander loads node:child_process at start-up (about 3 ms) for executable subcommands, which
// Warden does not use; it gets a stand-in that loads the real module on first use.
const lazyChildProcessForCommander = {
  name: "lazy-child-process-for-commander",
  setup(b) {
    b.onResolve({ filter: /^node:child_process$/ }, (args) =>
      args.importer.includes("/node_modules/commander/")
        ? { path: "lazy-child-process", namespace: "warden" }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: "warden" }, () => ({
      contents:
        'let real; module.exports = new Proxy({}, { get: (_, key) => (real ??= require("node:child_process"))[key] });',
      loader: "js",
    }));
  },
};

/** Bundles one CLI entry into `outfile` (CommonJS, for bin/warden.cjs's code-cached loader). */
function bundleCli(entry, outfile) {
  return build({
    entryPoints: [entry],
    plugins: [lazyChildProcessForCommander],
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "cjs",
    sourcemap: "linked",
    minifyWhitespace: true,
    minifySyntax: true,
    // toml-edit-js loads a wasm file next to itself; it is only imported on a TOML syntax error.
    // better-sqlite3 finds its native addon relative to its own package, so it stays in node_modules;
    // the server's libraries stay there too, so every other command starts without parsing them
    // (`serve` loads them lazily).
    external: ["@rainbowatcher/toml-edit-js", "better-sqlite3", "kysely", "pg", "hono", "@hono/node-server"],
    define: { "import.meta.url": "__wardenImportMetaUrl", "import.meta.dirname": "__dirname" },
    banner: { js: 'const __wardenImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' },
    logLevel: "warning",
  });
}

/** Writes `<bundle>.cache` by running `args` once through bin/warden.cjs with WARDEN_WRITE_CODE_CACHE. */
function primeCodeCache(bundle, args) {
  rmSync(`${bundle}.cache`, { force: true });
  const prime = spawnSync(process.execPath, ["bin/warden.cjs", ...args], {
    env: { ...process.env, WARDEN_WRITE_CODE_CACHE: "1" },
    stdio: ["ignore", "ignore", "inherit"],
  });
  if (prime.error) throw prime.error;
  if (!existsSync(`${bundle}.cache`)) throw new Error(`priming ${bundle}: no code cache was written`);
}

const EXAMPLES = ["--etc-dir", "examples/etc-codex", "--codex-home", "examples/codex-home", "--cwd", "examples"];

await bundleCli("packages/cli/src/main.ts", "dist/warden.cjs");
await bundleCli("packages/cli/src/explain-main.ts", "dist/warden-explain.cjs");
primeCodeCache("dist/warden-explain.cjs", ["explain", "--json", ...EXAMPLES]);
primeCodeCache("dist/warden.cjs", ["validate", "examples/etc-codex/requirements.toml"]);

await buildHook("dist/hook.cjs");
await buildHookClient("dist/hook-client.cjs");
buildNativeHookClient("dist/warden-hook-client");
primeHookCodeCache();
