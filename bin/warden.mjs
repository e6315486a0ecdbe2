#!/usr/bin/env node
// The `warden` command: loads the bundled CLI (dist/warden.cjs, built by `npm install`) through a
// V8 code cache so startup skips most parsing and compilation, then runs it.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import vm from "node:vm";

const bundle = fileURLToPath(new URL("../dist/warden.cjs", import.meta.url));
const cacheFile = `${bundle}.cache`;
if (!existsSync(bundle)) {
  process.stderr.write("warden: the CLI is not built yet; run `npm install` (or `npm run build`) in the checkout\n");
  process.exit(3);
}

const source = readFileSync(bundle, "utf8");
const cachedData = existsSync(cacheFile) ? readFileSync(cacheFile) : undefined;
const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
  filename: bundle,
  cachedData,
});
const module = { exports: {} };
script.runInThisContext()(
  module.exports,
  createRequire(bundle),
  module,
  bundle,
  fileURLToPath(new URL("../dist", import.meta.url)),
);
// Code run through `vm` cannot `import()` on Node 20, so the bundle imports ES modules through us.
module.exports.setModuleImporter((specifier) => import(specifier));
process.exitCode = await module.exports.main(process.argv.slice(2));
if (process.env.WARDEN_WRITE_CODE_CACHE === "1") writeFileSync(cacheFile, script.createCachedData());
