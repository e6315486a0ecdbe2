// bench/server: the control plane's three throughput budgets, each against a baseline measured in
// the same run. The server is the real `createApp` (bundled with esbuild as `warden serve` is),
// served in-process by @hono/node-server on 127.0.0.1, and for the headline bundle figure the
// built `bin/warden serve --workers <cores>`; every request goes to loopback only.
//
//   1. bundle fetches/s on the unchanged path: one enrolled device, `GET /v1/devices/self/bundle`
//      with If-None-Match → 304, 64 keep-alive connections from one load thread (`--load-threads`)
//      for ~5 s (a minimal raw-socket HTTP/1.1 client, like wrk), authenticated by a device session (the workers MAC
//      every request, as `warden sync` does): against `warden serve --workers <cores>` (the
//      headline) and against one in-process server; then signed with the device's Ed25519 key per
//      request (for comparison). Baseline: a hono hello-world served the same way (a node:cluster
//      of as many processes, or in-process), same load, the workers authenticating each request
//      the same way. Target ≥ 10k req/s (session, one process a core).
//   2. audit events ingested/s, 500 a batch, through the store's `insertAuditEvents` (idempotent
//      insert + chain walk) and through `POST /v1/audit/events`, on SQLite and PostgreSQL;
//      baseline: the store's inserts with the raw driver, the same rows (`rowOf`) and statements
//      (SQLite: the single-row prepared `INSERT … ON CONFLICT DO NOTHING` run per row, a transaction
//      a batch, on a connection with the store's PRAGMAs, the WAL checkpointed by a worker thread
//      as the store does; PostgreSQL: one 500-row INSERT … ON CONFLICT DO NOTHING), without the
//      store's chain walk. Each run starts from an empty table (SQLite: its own file; PostgreSQL:
//      truncated between runs). Targets ≥ 50k/s SQLite, ≥ 20k/s PostgreSQL.
//   3. p95 of one filtered audit page (user + one-day range, limit 100) and of a 5-page cursor walk,
//      over a table the database itself fills with rows like the store writes (indexes dropped and
//      rebuilt; seeding time printed); through the store and `GET /v1/audit/events`; baseline: the
//      same SELECT as raw SQL. Target ≤ 100 ms p95 over 10M events (`--events 10000000`).
//
// PostgreSQL: a fresh database on 127.0.0.1:5432 as user postgres (PGPASSWORD if set), dropped
// after; skipped with a message when unreachable.
//
// Usage: node bench/server.mjs [--quick] [--events N] [--skip-postgres] [--only bundle,ingest,query]
//                              [--load-threads N]
//   --quick          small sizes, a smoke run in under ~30 s
//   --events N       events seeded for the query budget (default 1,000,000; 10,000,000 seeds in a few
//                    minutes on each database: the database generates the rows, see seedSqlite)
//   --skip-postgres  SQLite only
//   --only LIST      only these measurements (comma-separated), e.g. `--only ingest` while iterating
//   --load-threads N threads generating the bundle load (default 1), 64 connections between them
import { spawn } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import http from "node:http";
import { availableParallelism, tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { serve } from "@hono/node-server";
import Database from "better-sqlite3";
import { build } from "esbuild";
import { Hono } from "hono";
import pg from "pg";

const root = fileURLToPath(new URL("..", import.meta.url));
const argv = process.argv.slice(2);
const QUICK = argv.includes("--quick");
const SKIP_PG = argv.includes("--skip-postgres");
const onlyAt = argv.indexOf("--only");
const ONLY = new Set(onlyAt >= 0 ? argv[onlyAt + 1].split(",") : ["bundle", "ingest", "query"]);
const eventsAt = argv.indexOf("--events");
const SEED_EVENTS = eventsAt >= 0 ? Number(argv[eventsAt + 1]) : QUICK ? 50_000 : 1_000_000;
const LOAD_SECONDS = QUICK ? 1.5 : 5;
const LOAD_MAX_REQUESTS = 2_000_000;
const threadsAt = argv.indexOf("--load-threads");
// One load thread drives ~30k req/s here, more than the measured routes answer; on a 2-core
// machine a second one mostly takes CPU from the server it measures.
const LOAD_THREADS = threadsAt >= 0 ? Number(argv[threadsAt + 1]) : 1;
// `warden serve --workers` for the headline bundle figure: one server process a core.
const SERVE_WORKERS = Math.max(1, availableParallelism());
const CONNECTIONS = 64;
const INGEST_EVENTS = QUICK ? 10_000 : 100_000;
const HTTP_INGEST_EVENTS = QUICK ? 5_000 : 50_000;
const BATCH = 500;
const QUERY_RUNS = QUICK ? 40 : 200;
const USERS = 50;
const PG = { host: "127.0.0.1", port: 5432, user: "postgres", password: process.env.PGPASSWORD };
const BASE_TIME = Date.parse("2026-01-01T00:00:00.000Z");
const DAY = 86_400_000;
if (!Number.isInteger(SEED_EVENTS) || SEED_EVENTS < 10_000) throw new Error("--events needs an integer ≥ 10000");
if (!Number.isInteger(LOAD_THREADS) || LOAD_THREADS < 1 || LOAD_THREADS > 64) {
  throw new Error("--load-threads needs an integer from 1 to 64");
}

// ── Cleanup: every temp dir, server, pool and the PG database, also on failure ────────────────

const cleanups = [];
const onCleanup = (fn) => cleanups.push(fn);
async function cleanup() {
  while (cleanups.length > 0) {
    try {
      await cleanups.pop()();
    } catch (error) {
      console.error(`cleanup: ${error.message}`);
    }
  }
}
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    cleanup().finally(() => process.exit(130));
  });
}
const work = mkdtempSync(join(tmpdir(), "warden-bench-server-"));
onCleanup(() => rmSync(work, { recursive: true, force: true }));

// ── Helpers ───────────────────────────────────────────────────────────────────────────────────

const fmt = (n, digits = 0) => n.toLocaleString("en-US", { maximumFractionDigits: digits });
const ratio = (a, b) => `${(a / b).toFixed(2)}x`;
const verdict = (ok) => (ok ? "PASS" : "FAIL");
function percentile(values, p) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}
/** Runs `fn` against a deadline so that no stage can hang the run. */
async function bounded(name, ms, fn) {
  let timer;
  const timeout = new Promise((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${name}: gave up after ${ms / 1000} s`)), ms);
  });
  try {
    return await Promise.race([fn(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** Bundles `contents` (imports of workspace packages) into `outfile` as `warden serve` is bundled; libraries stay in node_modules. */
async function bundleModule(contents, outfile) {
  const external = /^(better-sqlite3|pg|kysely|hono|@hono\/node-server)(\/.*)?$/;
  await build({
    stdin: { contents: contents.join("\n"), resolveDir: root, loader: "ts" },
    outfile,
    bundle: true,
    platform: "node",
    target: "node20",
    format: "esm",
    minifySyntax: true,
    logLevel: "warning",
    plugins: [
      {
        name: "node-modules-in-place",
        setup(b) {
          b.onResolve({ filter: external }, (args) => ({ path: import.meta.resolve(args.path), external: true }));
        },
      },
    ],
  });
}

/**
 * The server, store and core as `warden serve` runs them (one esbuild bundle); also writes the
 * load workers' module: the agent's request signing and MAC from core, nothing else.
 */
async function loadWarden() {
  const outfile = join(work, "warden-server.mjs");
  await bundleModule(
    [
      'export { bootstrapOwner, createApp, hashApiKeySecret } from "@warden/server";',
      'export { openStore } from "@warden/store";',
      'export { sealSpoolRecord, signDeviceRequest } from "@warden/core";',
      'export { DEVICE_AUTH_HEADERS } from "@warden/protocol";',
      'export { AUDIT_EVENT_COLUMNS, pushAuditEventValues } from "./packages/store/src/repositories/insert-audit-rows.ts";',
    ],
    outfile,
  );
  await bundleModule(
    [
      'export { macDeviceRequest, signDeviceRequest } from "@warden/core";',
      'export { DEVICE_AUTH_HEADERS, DEVICE_SESSION_AUTH } from "@warden/protocol";',
    ],
    join(work, "device-auth.mjs"),
  );
  writeFileSync(LOAD_WORKER_FILE, LOAD_WORKER);
  const w = await import(pathToFileURL(outfile).href);
  COLUMNS = w.AUDIT_EVENT_COLUMNS;
  pushAuditEventValues = w.pushAuditEventValues;
  return w;
}

function listen(app) {
  return new Promise((ready) => {
    const server = serve({ fetch: app.fetch, hostname: "127.0.0.1", port: 0 }, (info) => {
      ready({ server, url: `http://127.0.0.1:${info.port}`, port: info.port });
    });
    server.keepAliveTimeout = 30_000;
  });
}
const closeServer = (server) =>
  new Promise((done) => {
    server.closeAllConnections?.();
    server.close(() => done());
  });

// ── 1. Load generator: worker threads, keep-alive agent, bounded by count and time ────────────

// Each request is authenticated as the agent does it, per request: `auth.kind` "session" MACs it
// with the session key (HMAC-SHA256, `warden sync` with a session), "ed25519" signs it with the
// device key (the private key parsed once); no `auth` sends `headers` only.
//
// The client is a minimal HTTP/1.1 one on raw keep-alive sockets, one request at a time on each
// (no pipelining), like wrk: node's http client costs ~140 µs of CPU a request, and on a 2-core
// machine that CPU is taken from the server being measured. It reads the status line and
// Content-Length, nothing else, and counts any other framing (chunked, close) as an error.
const LOAD_WORKER = `
import net from "node:net";
import { createPrivateKey, randomBytes } from "node:crypto";
import { parentPort, workerData } from "node:worker_threads";
import { DEVICE_AUTH_HEADERS as H, DEVICE_SESSION_AUTH as S, macDeviceRequest, signDeviceRequest } from "./device-auth.mjs";
const { port, path, headers, auth, seconds, maxRequests, inFlight } = workerData;
const privateKey = auth?.kind === "ed25519" ? createPrivateKey(auth.privateKeyPem) : null;
const sessionKey = auth?.kind === "session" ? Buffer.from(auth.key, "base64url") : null;
const fixed = Object.entries(headers).map(([k, v]) => k + ": " + v + "\\r\\n").join("");
function request() {
  let lines = "GET " + path + " HTTP/1.1\\r\\nhost: 127.0.0.1\\r\\n" + fixed;
  if (auth) {
    const timestamp = String(Date.now());
    const nonce = randomBytes(12).toString("base64url");
    const parts = { method: "GET", path, timestamp, nonce, body: "" };
    lines += H.timestamp + ": " + timestamp + "\\r\\n" + H.nonce + ": " + nonce + "\\r\\n";
    lines += sessionKey
      ? "authorization: " + S.scheme + " " + auth.token + "\\r\\n" + S.mac + ": " + macDeviceRequest(parts, sessionKey) + "\\r\\n"
      : H.key + ": " + auth.publicB64 + "\\r\\n" + H.signature + ": " + signDeviceRequest(parts, privateKey) + "\\r\\n";
  }
  return lines + "\\r\\n";
}
const statuses = {};
let started = 0, done = 0, errors = 0;
const startedAt = performance.now();
const deadline = startedAt + seconds * 1000;
/** One keep-alive connection sending its next request when the last response is complete. */
function lane() {
  return new Promise((resolve) => {
    const socket = net.connect(port, "127.0.0.1");
    socket.setNoDelay(true);
    let buffered = Buffer.alloc(0);
    const next = () => {
      if (started >= maxRequests || performance.now() >= deadline) return socket.end(resolve);
      started++;
      socket.write(request());
    };
    socket.on("connect", next);
    socket.on("error", () => { errors++; resolve(); });
    socket.on("close", () => resolve());
    socket.on("data", (chunk) => {
      buffered = buffered.length === 0 ? chunk : Buffer.concat([buffered, chunk]);
      const end = buffered.indexOf("\\r\\n\\r\\n");
      if (end < 0) return;
      const head = buffered.toString("latin1", 0, end);
      const length = /\\r\\ncontent-length: *(\\d+)/i.exec(head);
      const status = Number(head.slice(9, 12));
      if (length === null && status !== 304) { errors++; socket.destroy(); return resolve(); }
      const total = end + 4 + (length === null ? 0 : Number(length[1]));
      if (buffered.length < total) return;
      buffered = buffered.subarray(total);
      statuses[status] = (statuses[status] ?? 0) + 1;
      done++;
      next();
    });
  });
}
Promise.all(Array.from({ length: inFlight }, lane)).then(() => {
  const elapsed = (performance.now() - startedAt) / 1000;
  parentPort.postMessage({ done, errors, statuses, elapsed });
});
`;
const LOAD_WORKER_FILE = join(work, "load-worker.mjs");

async function drive(port, path, headers, auth) {
  const results = await Promise.all(
    Array.from(
      { length: LOAD_THREADS },
      () =>
        new Promise((done, fail) => {
          const worker = new Worker(LOAD_WORKER_FILE, {
            workerData: {
              port,
              path,
              headers,
              auth,
              seconds: LOAD_SECONDS,
              maxRequests: Math.ceil(LOAD_MAX_REQUESTS / LOAD_THREADS),
              inFlight: Math.ceil(CONNECTIONS / LOAD_THREADS),
            },
          });
          worker.once("message", (m) => {
            done(m);
            worker.terminate();
          });
          worker.once("error", fail);
        }),
    ),
  );
  const statuses = {};
  for (const r of results) for (const [s, n] of Object.entries(r.statuses)) statuses[s] = (statuses[s] ?? 0) + n;
  const done = results.reduce((a, r) => a + r.done, 0);
  const errors = results.reduce((a, r) => a + r.errors, 0);
  const elapsed = Math.max(...results.map((r) => r.elapsed));
  return { rate: done / elapsed, done, errors, statuses };
}

// ── Fixtures ──────────────────────────────────────────────────────────────────────────────────

const OWNER = `wk_bench_owner_${randomBytes(12).toString("hex")}`;
const REQUIREMENTS = 'allowed_approval_policies = ["on-request", "never"]\nallowed_sandbox_modes = ["read-only"]\n';

async function call(url, method, path, body, token = OWNER) {
  const response = await fetch(`${url}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await response.text();
  const json = text === "" ? null : JSON.parse(text);
  if (response.status >= 400) throw new Error(`${method} ${path} → ${response.status} ${text}`);
  return json;
}

/** A warden server over a store (SQLite in `dataDir`, or `databaseUrl`), with the owner key bootstrapped. */
async function startWarden(w, options) {
  const store = await w.openStore(options);
  onCleanup(() => store.close());
  await w.bootstrapOwner(store.credentials, { token: OWNER });
  const app = w.createApp({ store, clock: () => new Date(), logger: { error: (m) => console.error(m) } });
  const served = await listen(app);
  onCleanup(() => closeServer(served.server));
  return { store, ...served };
}

async function enrolDevice(url) {
  const { generateKeyPairSync } = await import("node:crypto");
  const user = await call(url, "POST", "/v1/users", { name: "alice" });
  const group = await call(url, "POST", "/v1/groups", { name: "eng" });
  await call(url, "PUT", `/v1/groups/${group.id}/members/${user.id}`);
  const policy = await call(url, "POST", "/v1/policies", { name: "eng", requirementsToml: REQUIREMENTS });
  await call(url, "PUT", "/v1/group-rules", { rules: [{ groupId: group.id, policyId: policy.policy.id }] });
  const issued = await call(url, "POST", "/v1/enrollment-tokens", { user: "alice" });
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const publicKeyPem = publicKey.export({ type: "spki", format: "pem" }).toString();
  const privateKeyPem = privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  await call(url, "POST", "/v1/devices/enroll", {
    token: issued.token,
    publicKeyPem,
    hostname: "bench-host",
    platform: "linux-x64",
    osUser: "alice",
    agentVersion: "0.1.0",
  });
  return { publicKeyPem, privateKeyPem };
}

function draft(n, user = `user${n % USERS}`) {
  return {
    time: new Date(BASE_TIME + n * 1000).toISOString(),
    event: "PreToolUse",
    tool: ["Bash", "Edit", "Write"][n % 3],
    input: { command: `npm test -- --run ${n}` },
    decision: ["allow", "log", "deny"][n % 3],
    ruleId: n % 3 === 0 ? null : `rule-${n % 20}`,
    reason: `matched rule ${n % 20}`,
    failure: null,
    sessionId: `s${n >> 8}`,
    turnId: null,
    toolUseId: `t${n}`,
    cwd: "/work/project",
    repo: { root: "/work/project", remoteUrl: `git@example.com:acme/repo${n % 10}.git`, branch: "main" },
    tier: "trusted",
    user,
    host: `host-${n % 200}`,
    policyRevision: "7",
    latencyMs: 3,
  };
}

function chain(w, deviceId, count) {
  const records = [];
  let prevHash = null;
  for (let seq = 1; seq <= count; seq++) {
    const record = w.sealSpoolRecord(draft(seq), { deviceId, seq, prevHash });
    records.push(record);
    prevHash = record.hash;
  }
  return records;
}

// The store's own row codec (packages/store/src/repositories/insert-audit-rows.ts), loaded with
// the server: the raw baselines insert exactly the rows the store writes, built the same way.
let COLUMNS;
let pushAuditEventValues;

/** The row the store writes for `record`, as an array in COLUMNS order. */
function rowOf(record, receivedAt) {
  const row = [];
  pushAuditEventValues(row, record, receivedAt);
  return row;
}
// ── Seeding the query table: generated by the database itself, by the ten million ─────────────
//
// Row n of the seed is what the store would write for `draft(n)` shipped by device `dev-(n % 500)`
// as seq n (no real hash chain: queries never read it). The database generates the rows (SQLite:
// a recursive CTE, PostgreSQL: generate_series) with the table's secondary indexes dropped, then
// rebuilds them as the store defined them (read back from the catalog): about 10× faster than
// inserting from JS with the indexes in place, so `--events 10000000` seeds in minutes.

const SEED_HASH = "0".repeat(64);
const seedColumns = (n, { concat, jsonObject, isoTime, tool, decision, ruleId, repo }) => [
  concat("'dev-'", `${n} % 500`),
  n,
  `@base + ${n} * 1000`,
  "'PreToolUse'",
  tool,
  decision,
  ruleId,
  concat("'matched rule '", `${n} % 20`),
  "NULL",
  repo,
  "'trusted'",
  concat("'user'", `${n} % ${USERS}`),
  concat("'host-'", `${n} % 200`),
  "'7'",
  "NULL",
  `'${SEED_HASH}'`,
  jsonObject([
    ["v", "1"],
    ["time", isoTime],
    ["event", "'PreToolUse'"],
    ["tool", tool],
    ["input", jsonObject([["command", concat("'npm test -- --run '", n)]])],
    ["sessionId", concat("'s'", `${n} / 256`)],
    ["turnId", "NULL"],
    ["toolUseId", concat("'t'", n)],
    ["cwd", "'/work/project'"],
    [
      "repo",
      jsonObject([
        ["root", "'/work/project'"],
        ["remoteUrl", repo],
        ["branch", "'main'"],
      ]),
    ],
    ["latencyMs", "3"],
  ]),
  `@base + ${n} * 1000`,
];
const seedSelect = (n, dialect) => {
  const pgsql = dialect === "postgres";
  const cases = (values) => `CASE ${n} % 3 ${values.map((v, i) => `WHEN ${i} THEN '${v}'`).join(" ")} END`;
  const concat = (...parts) => `(${parts.map((p) => (pgsql ? `(${p})::text` : `(${p})`)).join(" || ")})`;
  const columns = seedColumns(n, {
    concat,
    jsonObject: (pairs) =>
      `${pgsql ? "json_build_object" : "json_object"}(${pairs.map(([k, v]) => `'${k}', ${v}`).join(", ")})`,
    isoTime: pgsql
      ? `to_char(to_timestamp((@base + ${n} * 1000) / 1000.0) AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`
      : `strftime('%Y-%m-%dT%H:%M:%fZ', (@base + ${n} * 1000) / 1000.0, 'unixepoch')`,
    tool: cases(["Bash", "Edit", "Write"]),
    decision: cases(["allow", "log", "deny"]),
    ruleId: `CASE WHEN ${n} % 3 = 0 THEN NULL ELSE ${concat("'rule-'", `${n} % 20`)} END`,
    repo: concat("'git@example.com:acme/repo'", `${n} % 10`, "'.git'"),
  });
  const list = columns.map((c, i) => (i === 16 && pgsql ? `${c}::text` : c)).join(",\n  ");
  return `INSERT INTO audit_events (${COLUMNS.join(", ")})\nSELECT ${list}`;
};
// Built once the store's columns are loaded (loadWarden).
const sqliteSeed =
  () => `WITH RECURSIVE c(n) AS (SELECT CAST(@from AS INTEGER) UNION ALL SELECT n + 1 FROM c WHERE n + 1 < @to)
${seedSelect("n", "sqlite")} FROM c`;
const pgSeed = () =>
  `${seedSelect("n", "postgres")} FROM generate_series($1::bigint, $2::bigint - 1) AS n`.replaceAll(
    "@base",
    "$3::bigint",
  );

const SEED_PROBE = `SELECT (SELECT count(*) FROM audit_events) AS n, device_id, user_name, repository, record
  FROM audit_events WHERE seq = 1234`;

/** Fails the run unless the seed holds `count` rows and row 1234 is what `draft(1234)` would store. */
function checkSeed(probe, count) {
  const record = JSON.parse(probe?.record ?? "null");
  const want = draft(1234);
  const ok =
    Number(probe?.n) === count &&
    probe.device_id === "dev-234" &&
    probe.user_name === want.user &&
    probe.repository === want.repo.remoteUrl &&
    record?.toolUseId === "t1234" &&
    record.time === want.time &&
    record.input?.command === want.input.command;
  if (!ok) throw new Error(`the seeded rows are not what the store would write: ${JSON.stringify(probe)}`);
}

/** Seeds `count` events into the (empty, migrated) SQLite file; returns the seconds it took. */
function seedSqlite(db, count) {
  const started = performance.now();
  db.pragma("synchronous = OFF");
  db.pragma("cache_size = -1000000");
  const indexes = db
    .prepare(
      "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'audit_events' AND sql IS NOT NULL",
    )
    .all();
  for (const index of indexes) db.exec(`DROP INDEX ${index.name}`);
  const insert = db.prepare(sqliteSeed());
  const STEP = 250_000;
  for (let n = 0; n < count; n += STEP) {
    db.transaction(() => insert.run({ from: n, to: Math.min(count, n + STEP), base: BASE_TIME }))();
  }
  for (const index of indexes) db.exec(index.sql);
  db.exec("ANALYZE");
  db.pragma("synchronous = NORMAL");
  checkSeed(db.prepare(SEED_PROBE).get(), count);
  return (performance.now() - started) / 1000;
}

/** Seeds `count` events into the (empty, migrated) PostgreSQL database, two sessions at once; seconds. */
async function seedPostgres(database, count) {
  const started = performance.now();
  const sessions = await Promise.all(
    [0, 1].map(async () => {
      const client = new pg.Client({ ...PG, database });
      await client.connect();
      await client.query("SET synchronous_commit = off");
      await client.query("SET maintenance_work_mem = '512MB'");
      return client;
    }),
  );
  try {
    const [first] = sessions;
    const { rows: indexes } = await first.query(`SELECT i.relname AS name, pg_get_indexdef(i.oid) AS def
      FROM pg_index x JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid
      WHERE t.relname = 'audit_events' AND NOT EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.oid)`);
    for (const index of indexes) await first.query(`DROP INDEX ${index.name}`);
    const STEP = 250_000;
    const seed = pgSeed();
    let next = 0;
    await Promise.all(
      sessions.map(async (client) => {
        while (next < count) {
          const from = next;
          next += STEP;
          await client.query(seed, [from, Math.min(count, from + STEP), BASE_TIME]);
        }
      }),
    );
    for (const index of indexes) await first.query(index.def);
    await first.query("ANALYZE audit_events");
    checkSeed((await first.query(SEED_PROBE)).rows[0], count);
  } finally {
    await Promise.all(sessions.map((client) => client.end()));
  }
  return (performance.now() - started) / 1000;
}

function multiRowInsert(rows, placeholder) {
  let p = 0;
  const tuples = rows.map(() => `(${COLUMNS.map(() => placeholder(++p)).join(",")})`);
  const text = `INSERT INTO audit_events (${COLUMNS.join(",")}) VALUES ${tuples.join(",")} ON CONFLICT (device_id, seq) DO NOTHING`;
  return { text, values: rows.flat() };
}

// ── 2. Ingest ─────────────────────────────────────────────────────────────────────────────────

async function ingestViaStore(store, records) {
  const started = performance.now();
  let inserted = 0;
  for (let i = 0; i < records.length; i += BATCH) {
    const result = await store.audit.insertAuditEvents(records[i].deviceId, records.slice(i, i + BATCH));
    inserted += result.inserted;
    if (result.findings.length > 0) throw new Error(`unexpected findings: ${JSON.stringify(result.findings[0])}`);
  }
  if (inserted !== records.length) throw new Error(`store inserted ${inserted} of ${records.length}`);
  return records.length / ((performance.now() - started) / 1000);
}

async function ingestViaHttp(url, token, records) {
  const started = performance.now();
  let accepted = 0;
  for (let i = 0; i < records.length; i += BATCH) {
    const result = await call(url, "POST", "/v1/audit/events", { events: records.slice(i, i + BATCH) }, token);
    accepted += result.accepted;
  }
  if (accepted !== records.length) throw new Error(`HTTP accepted ${accepted} of ${records.length}`);
  return records.length / ((performance.now() - started) / 1000);
}

// The store's WAL checkpointer (sqlite-wal-checkpointer.ts) with the raw driver: a worker thread
// with its own connection runs a PASSIVE checkpoint every 100 ms until told to stop.
const CHECKPOINTER = `
const { parentPort, workerData } = require("node:worker_threads");
const db = new (require(workerData.driver))(workerData.file, { fileMustExist: true });
db.pragma("synchronous = NORMAL");
const timer = setInterval(() => {
  try { db.pragma("wal_checkpoint(PASSIVE)"); } catch {}
}, 100);
parentPort.once("message", () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/** Starts the checkpointer on `file`; returns its stop, which resolves once it has closed. */
function startCheckpointer(file) {
  const driver = fileURLToPath(import.meta.resolve("better-sqlite3"));
  const worker = new Worker(CHECKPOINTER, { eval: true, workerData: { driver, file } });
  return () =>
    new Promise((done) => {
      worker.once("exit", done);
      worker.postMessage("stop");
    });
}

async function sqliteRawInsert(file, records) {
  const db = new Database(file);
  const stopCheckpointer = startCheckpointer(file);
  try {
    // The store's PRAGMAs (open-store.ts): a new connection would sync the WAL at every commit.
    db.pragma("synchronous = NORMAL");
    db.pragma("wal_autocheckpoint = 10000");
    const insert = db.prepare(
      `INSERT INTO audit_events (${COLUMNS.join(",")}) VALUES (${COLUMNS.map(() => "?").join(",")}) ON CONFLICT (device_id, seq) DO NOTHING`,
    );
    const batch = db.transaction((rows) => {
      for (const row of rows) insert.run(row);
    });
    const at = Date.now();
    const started = performance.now();
    for (let i = 0; i < records.length; i += BATCH) batch(records.slice(i, i + BATCH).map((r) => rowOf(r, at)));
    return records.length / ((performance.now() - started) / 1000);
  } finally {
    await stopCheckpointer();
    db.close();
  }
}

async function pgRawInsert(client, records) {
  const at = Date.now();
  const started = performance.now();
  for (let i = 0; i < records.length; i += BATCH) {
    await client.query(
      multiRowInsert(
        records.slice(i, i + BATCH).map((r) => rowOf(r, at)),
        (p) => `$${p}`,
      ),
    );
  }
  return records.length / ((performance.now() - started) / 1000);
}

async function agentKey(w, store) {
  const principal = await store.credentials.createPrincipal({
    name: `agent-${randomBytes(4).toString("hex")}`,
    role: "admin",
  });
  const secret = `wk_bench_agent_${randomBytes(12).toString("hex")}`;
  await store.credentials.createApiKey({
    principalId: principal.id,
    name: "bench agent",
    prefix: secret.slice(0, 9),
    secretHash: w.hashApiKeySecret(secret),
    scopes: ["audit:write", "audit:read"],
  });
  return secret;
}

function printIngest(label, target, raw, viaStore, viaHttp) {
  console.log(`  raw driver insert (baseline)   ${fmt(raw).padStart(10)} events/s`);
  console.log(
    `  store.insertAuditEvents         ${fmt(viaStore).padStart(10)} events/s  (${ratio(viaStore, raw)} of baseline)`,
  );
  if (viaHttp !== undefined)
    console.log(
      `  POST /v1/audit/events           ${fmt(viaHttp).padStart(10)} events/s  (${ratio(viaHttp, raw)} of baseline)`,
    );
  console.log(
    `  target: ${label} store ingest ≥ ${fmt(target)} events/s → ${fmt(viaStore)} events/s ${verdict(viaStore >= target)}`,
  );
}

// ── 3. Query ──────────────────────────────────────────────────────────────────────────────────

/** `runs` random (user, one-day window) queries: first page, then a 5-page cursor walk; ms each. */
async function timeQueries(fetchPage) {
  const span = SEED_EVENTS * 1000;
  const pages = [];
  const walks = [];
  let rows = 0;
  for (let run = 0; run < QUERY_RUNS; run++) {
    const user = `user${Math.floor(Math.random() * USERS)}`;
    const from = BASE_TIME + Math.floor(Math.random() * Math.max(1, span - DAY));
    const filter = { user, from: new Date(from).toISOString(), to: new Date(from + DAY).toISOString() };
    const walkStarted = performance.now();
    let cursor;
    for (let page = 0; page < 5; page++) {
      const started = performance.now();
      const result = await fetchPage(filter, cursor);
      const ms = performance.now() - started;
      if (page === 0) pages.push(ms);
      rows += result.count;
      cursor = result.nextCursor;
      if (!cursor) break;
    }
    walks.push(performance.now() - walkStarted);
  }
  return { page: percentile(pages, 95), walk: percentile(walks, 95), rows: rows / QUERY_RUNS };
}

function printQuery(label, raw, viaStore, viaHttp) {
  const line = (name, t) =>
    console.log(
      `  ${name.padEnd(32)} page p95 ${t.page.toFixed(2).padStart(8)} ms  5-page walk p95 ${t.walk.toFixed(2).padStart(8)} ms` +
        (t === raw
          ? `  (${fmt(t.rows)} rows/walk)`
          : `  (${ratio(t.page, raw.page)} / ${ratio(t.walk, raw.walk)} of baseline)`),
    );
  line("raw SQL (baseline)", raw);
  line("store.queryAuditEvents", viaStore);
  line("GET /v1/audit/events", viaHttp);
  const worst = Math.max(viaStore.page, viaHttp.page);
  console.log(
    `  target: ${label} filtered page p95 ≤ 100 ms over ${fmt(SEED_EVENTS)} events → ${worst.toFixed(2)} ms ${verdict(worst <= 100)}`,
  );
}

const RAW_QUERY = `SELECT * FROM audit_events WHERE time >= $1 AND time < $2 AND user_name = $3
  AND ($4::bigint IS NULL OR (time, id) < ($4::bigint, $5::bigint)) ORDER BY time DESC, id DESC LIMIT 101`;

function queryTimers(url, token, store, rawPage) {
  return {
    raw: () => timeQueries(rawPage),
    store: () =>
      timeQueries(async (filter, cursor) => {
        const page = await store.audit.queryAuditEvents(filter, { limit: 100, ...(cursor ? { cursor } : {}) });
        return { count: page.data.length, nextCursor: page.nextCursor };
      }),
    http: () =>
      timeQueries(async (filter, cursor) => {
        const q = new URLSearchParams({ ...filter, limit: "100", ...(cursor ? { cursor } : {}) });
        const page = await call(url, "GET", `/v1/audit/events?${q}`, undefined, token);
        return { count: page.data.length, nextCursor: page.nextCursor };
      }),
  };
}

/** Raw-SQL keyset paging: the cursor is the last row's (time, id). */
function rawPager(run) {
  return async (filter, cursor) => {
    const [t, id] = cursor ? cursor.split(":").map(Number) : [null, null];
    const rows = await run(Date.parse(filter.from), Date.parse(filter.to), filter.user, t, id);
    const data = rows.slice(0, 100).map((r) => ({ ...r, record: JSON.parse(r.record) }));
    const last = rows.length > 100 ? data[99] : undefined;
    return { count: data.length, nextCursor: last ? `${last.time}:${last.id}` : null };
  };
}

// ── Main ──────────────────────────────────────────────────────────────────────────────────────

/** One device-signed request to the warden server (first fetch, session opening); resolves with the response and its body. */
function signedRequest(w, port, key, method, path) {
  const h = w.DEVICE_AUTH_HEADERS;
  const timestamp = String(Date.now());
  const nonce = randomBytes(12).toString("base64url");
  const signature = w.signDeviceRequest({ method, path, timestamp, nonce, body: "" }, key.privateKeyPem);
  const headers = {
    [h.key]: Buffer.from(key.publicKeyPem).toString("base64"),
    [h.timestamp]: timestamp,
    [h.nonce]: nonce,
    [h.signature]: signature,
  };
  return new Promise((done, fail) => {
    const request = http.request({ host: "127.0.0.1", port, method, path, headers }, (res) => {
      let body = "";
      res.on("data", (chunk) => {
        body += chunk;
      });
      res.on("end", () => done({ status: res.statusCode, headers: res.headers, body }));
    });
    request.on("error", fail);
    request.end();
  });
}

/** Runs a script or command until it prints `ready` (a regex whose group 1 is the URL); stopped with SIGTERM at cleanup. */
function startProcess(command, args, env, ready) {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ["ignore", "pipe", "pipe"] });
  const exited = new Promise((done) => child.once("exit", done));
  onCleanup(() => {
    child.kill("SIGTERM");
    return exited;
  });
  let output = "";
  return new Promise((resolve, fail) => {
    const seen = (chunk) => {
      output += chunk;
      const match = ready.exec(output);
      if (match) resolve({ url: match[1], port: Number(new URL(match[1]).port) });
    };
    child.stdout.on("data", seen);
    child.stderr.on("data", (chunk) => {
      output += chunk;
    });
    child.once("exit", (code) => fail(new Error(`${command} exited ${code}: ${output}`)));
  });
}

/** The baseline of the multi-process run: the same hono hello-world in `processes` node:cluster workers. */
function startHelloCluster(processes) {
  const script = join(work, "hello-cluster.mjs");
  writeFileSync(
    script,
    `import cluster from "node:cluster";
import { serve } from ${JSON.stringify(import.meta.resolve("@hono/node-server"))};
import { Hono } from ${JSON.stringify(import.meta.resolve("hono"))};
if (cluster.isPrimary) {
  let listening = 0;
  cluster.on("listening", (_w, address) => {
    if (++listening === ${processes}) console.log("hello on http://127.0.0.1:" + address.port);
  });
  for (let i = 0; i < ${processes}; i++) cluster.fork();
  process.on("SIGTERM", () => { for (const w of Object.values(cluster.workers)) w.kill(); process.exit(0); });
} else {
  const hello = new Hono();
  hello.get("/v1/devices/self/bundle", (c) => c.text("hello"));
  const server = serve({ fetch: hello.fetch, hostname: "127.0.0.1", port: 0 });
  server.keepAliveTimeout = 30_000;
}
`,
  );
  return startProcess(process.execPath, [script], {}, /hello on (http:\/\/\S+)/);
}

async function benchBundle(w) {
  console.log(
    `\n1. Bundle fetches, unchanged path (ETag → 304): ${CONNECTIONS} keep-alive connections from ${LOAD_THREADS} load thread(s), ${LOAD_SECONDS} s each`,
  );
  const hello = new Hono();
  hello.get("/v1/devices/self/bundle", (c) => c.text("hello"));
  const baseline = await listen(hello);
  onCleanup(() => closeServer(baseline.server));
  const dataDir = join(work, "bundle");
  const warden = await startWarden(w, { dataDir });
  const key = await enrolDevice(warden.url);
  const path = "/v1/devices/self/bundle";
  // First fetch: builds and stores the bundle; its ETag is what the device then sends.
  const first = await signedRequest(w, warden.port, key, "GET", path);
  if (first.status !== 200) throw new Error(`first bundle fetch → ${first.status}`);
  const opened = await signedRequest(w, warden.port, key, "POST", "/v1/devices/self/session");
  if (opened.status !== 200) throw new Error(`POST /v1/devices/self/session → ${opened.status} ${opened.body}`);
  const { token, key: sessionKey } = JSON.parse(opened.body);
  const headers = { "if-none-match": first.headers.etag };
  const session = { kind: "session", token, key: sessionKey };
  const ed25519 = {
    kind: "ed25519",
    privateKeyPem: key.privateKeyPem,
    publicB64: Buffer.from(key.publicKeyPem).toString("base64"),
  };
  // The same database served by the built CLI as deployed: \`warden serve --workers N\`, one process a core.
  const processes = SERVE_WORKERS;
  const served = await startProcess(
    join(root, "bin/warden"),
    ["serve", "--data-dir", dataDir, "--port", "0", "--workers", String(processes)],
    { WARDEN_BOOTSTRAP_TOKEN: OWNER },
    /serving (http:\/\/\S+)/,
  );
  const helloCluster = await startHelloCluster(processes);

  const runs = [
    [`session (HMAC per request), \`warden serve --workers ${processes}\``, session, helloCluster, served],
    ["session (HMAC per request), one process", session, baseline, warden],
    ["Ed25519 signature per request, one process", ed25519, baseline, warden],
  ];
  const measured = [];
  for (const [name, auth, base, real] of runs) {
    measured.push({
      name,
      base: await drive(base.port, path, headers, auth),
      real: await drive(real.port, path, headers, auth),
    });
  }
  for (const { name, base, real } of measured) {
    console.log(`  ${name}:`);
    console.log(`    hono hello-world (baseline)   ${fmt(base.rate).padStart(9)} req/s  (${fmt(base.done)} requests)`);
    console.log(
      `    GET /v1/devices/self/bundle   ${fmt(real.rate).padStart(9)} req/s  (${fmt(real.done)} requests, ${ratio(real.rate, base.rate)} of baseline)`,
    );
    const not304 = real.done - (real.statuses["304"] ?? 0);
    if (not304 > 0 || real.errors > 0)
      console.log(
        `    warning: ${not304} answers were not 304 (${JSON.stringify(real.statuses)}), ${real.errors} errors`,
      );
  }
  const [headline] = measured;
  const ok = headline.real.rate >= 10_000 && headline.real.done === (headline.real.statuses["304"] ?? 0);
  console.log(
    `  target: 304 bundle fetches (session auth, --workers ${processes}) ≥ 10,000 req/s → ${fmt(headline.real.rate)} req/s ${verdict(ok)}`,
  );
}

async function benchSqlite(w) {
  if (ONLY.has("ingest")) await ingestSqlite(w);
  if (ONLY.has("query")) await querySqlite(w);
}

async function ingestSqlite(w) {
  console.log(`\n2a. Audit ingest, SQLite: ${fmt(INGEST_EVENTS)} events in batches of ${BATCH}`);
  const rawDir = join(work, "ingest-raw");
  const rawStore = await w.openStore({ dataDir: rawDir });
  await rawStore.close();
  const records = chain(w, "bench-dev-store", INGEST_EVENTS);
  const raw = await sqliteRawInsert(join(rawDir, "warden.db"), chain(w, "bench-dev-raw", INGEST_EVENTS));
  const warden = await startWarden(w, { dataDir: join(work, "ingest") });
  const viaStore = await ingestViaStore(warden.store, records);
  const token = await agentKey(w, warden.store);
  const viaHttp = await ingestViaHttp(warden.url, token, chain(w, "bench-dev-http", HTTP_INGEST_EVENTS));
  printIngest("SQLite", 50_000, raw, viaStore, viaHttp);
}

async function querySqlite(w) {
  console.log(
    `\n3a. Audit query, SQLite: ${fmt(SEED_EVENTS)} events, ${QUERY_RUNS} runs (user + 1-day range, limit 100)`,
  );
  const dir = join(work, "query");
  const seedStore = await w.openStore({ dataDir: dir });
  await seedStore.close();
  const db = new Database(join(dir, "warden.db"));
  onCleanup(() => db.close());
  const seconds = seedSqlite(db, SEED_EVENTS);
  console.log(`  seeded ${fmt(SEED_EVENTS)} events in ${seconds.toFixed(1)} s (generated by SQLite, indexes rebuilt)`);
  const select = db.prepare(RAW_QUERY.replace(/\$(\d)(::bigint)?/g, "@p$1"));
  const raw3 = rawPager(async (a, b, u, t, id) => select.all({ p1: a, p2: b, p3: u, p4: t, p5: id }));
  const q = await startWarden(w, { dataDir: dir });
  const qToken = await agentKey(w, q.store);
  const timers = queryTimers(q.url, qToken, q.store, raw3);
  await timers.store(); // warm-up
  printQuery("SQLite", await timers.raw(), await timers.store(), await timers.http());
}

async function benchPostgres(w) {
  const admin = new pg.Client({ ...PG, database: "postgres", connectionTimeoutMillis: 3000 });
  try {
    await admin.connect();
  } catch (error) {
    console.log(`\nPostgreSQL: skipped (127.0.0.1:5432 unreachable as user postgres: ${error.message})`);
    return;
  }
  const name = `warden_bench_${process.pid}_${randomBytes(3).toString("hex")}`;
  await admin.query(`CREATE DATABASE ${name}`);
  onCleanup(async () => {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.end();
  });
  const auth = PG.password ? `postgres:${encodeURIComponent(PG.password)}` : "postgres";
  const databaseUrl = `postgres://${auth}@127.0.0.1:5432/${name}`;

  const warden = await startWarden(w, { dataDir: work, databaseUrl });
  const client = new pg.Client({ ...PG, database: name });
  await client.connect();
  onCleanup(() => client.end());
  const token = await agentKey(w, warden.store);

  if (ONLY.has("ingest")) {
    console.log(`\n2b. Audit ingest, PostgreSQL: ${fmt(INGEST_EVENTS)} events in batches of ${BATCH}`);
    // Each run starts from an empty table, as the SQLite ones do (each has its own file).
    const empty = () => client.query("TRUNCATE audit_events, audit_chain_heads, audit_findings");
    const raw = await pgRawInsert(client, chain(w, "bench-dev-raw", INGEST_EVENTS));
    await empty();
    const viaStore = await ingestViaStore(warden.store, chain(w, "bench-dev-store", INGEST_EVENTS));
    await empty();
    const viaHttp = await ingestViaHttp(warden.url, token, chain(w, "bench-dev-http", HTTP_INGEST_EVENTS));
    printIngest("PostgreSQL", 20_000, raw, viaStore, viaHttp);
  }

  if (ONLY.has("query")) {
    console.log(
      `\n3b. Audit query, PostgreSQL: ${fmt(SEED_EVENTS)} events, ${QUERY_RUNS} runs (user + 1-day range, limit 100)`,
    );
    await client.query("TRUNCATE audit_events, audit_chain_heads, audit_findings");
    const seconds = await seedPostgres(name, SEED_EVENTS);
    console.log(
      `  seeded ${fmt(SEED_EVENTS)} events in ${seconds.toFixed(1)} s (generated by PostgreSQL, indexes rebuilt)`,
    );
    const raw3 = rawPager(async (a, b, u, t, id) => (await client.query(RAW_QUERY, [a, b, u, t, id])).rows);
    const timers = queryTimers(warden.url, token, warden.store, raw3);
    await timers.store(); // warm-up
    printQuery("PostgreSQL", await timers.raw(), await timers.store(), await timers.http());
  }
}

const totalStarted = performance.now();
try {
  console.log(`bench/server${QUICK ? " --quick" : ""}: node ${process.version}, loopback 127.0.0.1 only`);
  const w = await loadWarden();
  if (ONLY.has("bundle")) await bounded("bundle fetches", 120_000, () => benchBundle(w));
  await bounded("SQLite ingest and query", 30 * 60_000, () => benchSqlite(w));
  if (SKIP_PG) console.log("\nPostgreSQL: skipped (--skip-postgres)");
  else if (!(ONLY.has("ingest") || ONLY.has("query"))) console.log("\nPostgreSQL: skipped (--only)");
  else await bounded("PostgreSQL ingest and query", 30 * 60_000, () => benchPostgres(w));
  console.log(`\ndone in ${((performance.now() - totalStarted) / 1000).toFixed(1)} s`);
} catch (error) {
  console.error(`bench/server failed: ${error.stack ?? error}`);
  process.exitCode = 1;
} finally {
  await cleanup();
}
