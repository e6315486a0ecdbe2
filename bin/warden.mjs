#!/usr/bin/env node
// The `warden` command: runs the bundled CLI built by `npm install` (scripts/build.mjs).
import { existsSync } from "node:fs";

const bundle = new URL("../dist/warden.mjs", import.meta.url);
if (!existsSync(bundle)) {
  process.stderr.write("warden: the CLI is not built yet; run `npm install` (or `npm run build`) in the checkout\n");
  process.exit(3);
}
const { main } = await import(bundle.href);
process.exitCode = await main(process.argv.slice(2));
