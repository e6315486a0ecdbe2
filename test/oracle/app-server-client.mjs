// Minimal JSON-RPC client for `codex app-server` over stdio (one JSON message per line).
//
//   const srv = await startAppServer({ argv: [wrapper..., codexBin, 'app-server', ...flags], env, cwd });
//   const reply = await srv.call('config/read', { includeLayers: true, cwd });  // {id, result} | {id, error}
//   await srv.close();
//
// Notifications are collected in `srv.notifications`; server->client requests
// (approvals etc.) are answered with a JSON-RPC error so nothing hangs.
import { spawn } from "node:child_process";
import readline from "node:readline";

export async function startAppServer({ argv, env, cwd, requestTimeoutMs = 30000 }) {
  const child = spawn(argv[0], argv.slice(1), { cwd, env, stdio: ["pipe", "pipe", "pipe"] });
  let stderr = "";
  child.stderr.on("data", (d) => {
    stderr += d;
  });
  const pending = new Map();
  const notifications = [];
  let exited = null;
  const exitPromise = new Promise((resolve) => {
    child.on("close", (code, signal) => {
      exited = { code, signal };
      for (const p of pending.values()) {
        clearTimeout(p.timer);
        p.resolve({ id: null, exited: true });
      }
      pending.clear();
      resolve(exited);
    });
  });
  const send = (msg) => {
    if (!exited) child.stdin.write(`${JSON.stringify(msg)}\n`);
  };
  child.stdin.on("error", () => {}); // EPIPE when the server died early

  readline.createInterface({ input: child.stdout }).on("line", (line) => {
    let msg;
    try {
      msg = JSON.parse(line);
    } catch {
      notifications.push({ method: "<non-json>", params: line });
      return;
    }
    if (msg.id !== undefined && msg.method === undefined) {
      const p = pending.get(msg.id);
      if (p) {
        pending.delete(msg.id);
        clearTimeout(p.timer);
        p.resolve(msg);
      }
    } else if (msg.id !== undefined) {
      send({ id: msg.id, error: { code: -32601, message: `oracle does not handle ${msg.method}` } });
    } else {
      notifications.push(msg);
    }
  });

  let nextId = 1;
  // Resolves with the raw reply; {exited:true} if the server died, {timeout:true} on timeout.
  function call(method, params = null) {
    const id = nextId++;
    return new Promise((resolve) => {
      if (exited) return resolve({ id, exited: true });
      const timer = setTimeout(() => {
        pending.delete(id);
        resolve({ id, timeout: true });
      }, requestTimeoutMs);
      pending.set(id, { resolve, timer });
      send({ id, method, params });
    });
  }

  async function close() {
    if (!exited) {
      child.stdin.end();
      const t1 = setTimeout(() => child.kill("SIGTERM"), 2000);
      const t2 = setTimeout(() => child.kill("SIGKILL"), 5000);
      await exitPromise;
      clearTimeout(t1);
      clearTimeout(t2);
    }
    return exited;
  }

  const init = await call("initialize", {
    clientInfo: { name: "warden-oracle", title: null, version: "0.0.0" },
    capabilities: { experimentalApi: true, requestAttestation: false },
  });
  if (init.result) send({ method: "initialized" });

  return {
    init,
    call,
    close,
    notifications,
    get stderr() {
      return stderr;
    },
    get exited() {
      return exited;
    },
  };
}
