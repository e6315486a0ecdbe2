#!/usr/bin/env node
// Loads the bundled CLI (built by `npm install`) through a V8 code cache so a start skips most
// parsing and compilation, then runs it. `explain` and `doctor` load dist/warden-explain.cjs, which
// holds those two commands alone; everything else loads dist/warden.cjs. CommonJS: no ES module
// loader to boot.
"use strict";
const { existsSync, readFileSync, writeFileSync } = require("node:fs");
const { createRequire } = require("node:module");
const path = require("node:path");
const vm = require("node:vm");

const argv = process.argv.slice(2);
const dist = path.join(__dirname, "..", "dist");
const name = argv[0] === "explain" || argv[0] === "doctor" ? "warden-explain.cjs" : "warden.cjs";
const bundle = path.join(dist, name);
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
const cli = { exports: {} };
script.runInThisContext()(cli.exports, createRequire(bundle), cli, bundle, path.dirname(bundle));
// Code run through `vm` cannot `import()` on Node 20, so the bundle imports ES modules through us.
cli.exports.setModuleImporter((specifier) => import(specifier));
cli.exports.main(argv).then((code) => {
  process.exitCode = code;
  if (process.env.WARDEN_WRITE_CODE_CACHE === "1") writeFileSync(cacheFile, script.createCachedData());
});
