#!/usr/bin/env node
// Starts the managed hook. First dist/hook-client.cjs (a few KB) hands the event to
// `warden hook serve` if one runs for this user (unless the native client did that already);
// otherwise dist/hook.cjs decides here, loaded through its V8 code cache (dist/hook.cjs.cache,
// written by the build), which saves about 5 ms of compilation on every Codex tool call. Any failure to start is answered as a deny (exit 2, reason
// on stderr): Codex fails open otherwise.
"use strict";
const fs = require("node:fs");
const path = require("node:path");
const vm = require("node:vm");

const dist = path.join(__dirname, "..", "dist");

function failClosed(error) {
  try {
    const why = (error && (error.code || error.name)) || "error";
    fs.writeSync(2, `Blocked by Warden: the hook cannot start (${why}); failing closed\n`);
  } finally {
    process.exit(2);
  }
}

/** Runs the standalone hook in this process; `stdin` is the read the client started, if any. */
function standalone(stdin) {
  const bundle = path.join(dist, "hook.cjs");
  try {
    const source = fs.readFileSync(bundle, "utf8");
    let cachedData;
    try {
      cachedData = fs.readFileSync(`${bundle}.cache`);
    } catch {
      cachedData = undefined; // not built yet: compile from source
    }
    const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
      filename: bundle,
      cachedData,
    });
    if (process.env.WARDEN_WRITE_CODE_CACHE === "1") {
      process.on("exit", () => fs.writeFileSync(`${bundle}.cache`, script.createCachedData()));
    }
    const hook = { exports: {} };
    script.runInThisContext()(hook.exports, require, hook, bundle, path.dirname(bundle));
    hook.exports.runHookMain(stdin === null ? undefined : stdin);
  } catch (error) {
    failClosed(error);
  }
}

let client = null;
// The native client (bin/warden) sets WARDEN_HOOK_STANDALONE when it hands over: it has tried the
// fast path already, and the stdin it read comes first on this process's stdin.
if (process.env.WARDEN_HOOK_STANDALONE !== "1") {
  try {
    client = require(path.join(dist, "hook-client.cjs"));
  } catch {
    client = null; // an older build without the fast path: decide here
  }
}
if (client === null) standalone(null);
else
  client.startHookClient().then(
    (outcome) => standalone(outcome.stdin),
    () => standalone(null),
  );
