// Bundles the `warden` CLI into dist/warden.cjs with esbuild, then primes a V8 code cache for it
// (dist/warden.cjs.cache) by running one `explain`, so each later start skips most compilation.
// The managed hook gets its own tiny bundle, dist/hook.cjs (scripts/build-hook.mjs).
import { spawnSync } from "node:child_process";
import { rmSync } from "node:fs";
import { build } from "esbuild";
import { buildHook, primeHookCodeCache } from "./build-hook.mjs";

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

await build({
  entryPoints: ["packages/cli/src/main.ts"],
  plugins: [lazyChildProcessForCommander],
  outfile: "dist/warden.cjs",
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

rmSync("dist/warden.cjs.cache", { force: true });
const prime = spawnSync(
  process.execPath,
  [
    "bin/warden.cjs",
    "explain",
    "--json",
    "--etc-dir",
    "examples/etc-codex",
    "--codex-home",
    "examples/codex-home",
    "--cwd",
    "examples",
  ],
  { env: { ...process.env, WARDEN_WRITE_CODE_CACHE: "1" }, stdio: ["ignore", "ignore", "inherit"] },
);
if (prime.error) throw prime.error;

await buildHook("dist/hook.cjs");
primeHookCodeCache();
