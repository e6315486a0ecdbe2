#!/usr/bin/env node
// Records (or with --check verifies) what the real Codex binary reports for every conformance scenario, as `codex.json` next to its inputs.
//
//   node test/oracle/record.mjs [--only NAME_SUBSTRING] [--check] [--codex BIN] [--jobs N]
//
// Needs root (or CAP_SYS_ADMIN) for the private mount/UTS namespaces of with-etc-codex.sh.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { observeScenario } from "./observe.mjs";
import { WITH_ETC } from "./run.mjs";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const SCENARIOS = path.join(root, "test/conformance/scenarios");
const DEFAULT_BIN = path.join(root, "node_modules/@openai/codex-linux-x64/vendor/x86_64-unknown-linux-musl/bin/codex");

function parseArgs(argv) {
  const opt = { only: null, check: false, codexBin: process.env.CODEX_BIN || DEFAULT_BIN, jobs: 2 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--only") opt.only = argv[++i];
    else if (a === "--check") opt.check = true;
    else if (a === "--codex") opt.codexBin = argv[++i];
    else if (a === "--jobs") opt.jobs = Number(argv[++i]);
    else {
      console.error(`usage: record.mjs [--only NAME_SUBSTRING] [--check] [--codex BIN] [--jobs N] (unknown ${a})`);
      process.exit(2);
    }
  }
  return opt;
}

const serialize = (obs) => `${JSON.stringify(obs, null, 2)}\n`;

// Dotted paths where two JSON values differ (arrays compared element-wise).
function diffPaths(a, b, prefix = "") {
  if (JSON.stringify(a) === JSON.stringify(b)) return [];
  const isObj = (x) => x && typeof x === "object";
  if (!isObj(a) || !isObj(b) || Array.isArray(a) !== Array.isArray(b)) return [prefix || "<root>"];
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return keys.flatMap((k) => diffPaths(a[k], b[k], prefix ? `${prefix}.${k}` : k));
}

async function mapLimit(items, limit, fn) {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      await fn(items[i], i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

async function main() {
  const opt = parseArgs(process.argv.slice(2));
  if (!fs.existsSync(opt.codexBin)) throw new Error(`codex binary not found: ${opt.codexBin}`);
  const probe = spawnSync(WITH_ETC, ["--hostname", "warden-preflight", "", "true"], { encoding: "utf8" });
  if (probe.status !== 0) {
    throw new Error(`with-etc-codex.sh cannot create private namespaces (needs root/CAP_SYS_ADMIN):\n${probe.stderr}`);
  }
  const names = fs
    .readdirSync(SCENARIOS, { withFileTypes: true })
    .filter((d) => d.isDirectory() && (!opt.only || d.name.includes(opt.only)))
    .map((d) => d.name)
    .sort();
  const failures = [];
  const t0 = Date.now();
  await mapLimit(names, opt.jobs, async (name) => {
    const dir = path.join(SCENARIOS, name);
    const out = path.join(dir, "codex.json");
    const started = Date.now();
    let obs;
    try {
      obs = await observeScenario(dir, { codexBin: opt.codexBin });
    } catch (err) {
      failures.push(`${name}: ${err.stack ?? err}`);
      console.log(`FAIL   ${name}: ${err.message ?? err}`);
      return;
    }
    const ms = Date.now() - started;
    const summary = obs.error ? `error: ${obs.error.split("\n")[0].slice(0, 70)}` : "ok";
    if (!opt.check) {
      fs.writeFileSync(out, serialize(obs));
      console.log(`wrote  ${name} (${ms} ms) ${summary}`);
      return;
    }
    const recorded = fs.existsSync(out) ? JSON.parse(fs.readFileSync(out, "utf8")) : null;
    const diffs = recorded ? diffPaths(recorded, JSON.parse(serialize(obs))) : ["<missing codex.json>"];
    if (diffs.length) failures.push(`${name}: ${diffs.join(", ")}`);
    console.log(`${diffs.length ? "DIFF " : "same "}  ${name} (${ms} ms)${diffs.length ? ` ${diffs.join(", ")}` : ""}`);
  });
  console.log(`${names.length} scenario(s) in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  if (failures.length) {
    console.error(`\n${failures.length} problem(s):\n${failures.join("\n")}`);
    process.exit(1);
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
