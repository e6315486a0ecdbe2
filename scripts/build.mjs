// Bundles the `warden` CLI into dist/ with esbuild (one ESM file; heavy optional modules stay external).
import { build } from "esbuild";

await build({
  entryPoints: { warden: "packages/cli/src/main.ts" },
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  sourcemap: "linked",
  // toml-edit-js loads a wasm file next to itself; it is only imported on a TOML syntax error.
  external: ["@rainbowatcher/toml-edit-js"],
  banner: {
    js: "import { createRequire as __wardenCreateRequire } from 'node:module'; const require = __wardenCreateRequire(import.meta.url);",
  },
  logLevel: "warning",
});
