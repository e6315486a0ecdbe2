// Spawns Codex inside the /etc/codex + hostname wrapper and parses its stderr (warning: lines, the fatal `Error: ` text).
import { spawn } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const WITH_ETC = path.join(path.dirname(fileURLToPath(import.meta.url)), "with-etc-codex.sh");

// argv prefix that runs a command with /etc/codex = scratch.etc (and the scenario hostname).
export function wrapperArgv(scratch) {
  return [WITH_ETC, ...(scratch.hostname ? ["--hostname", scratch.hostname] : []), scratch.etc];
}

export function codexEnv(scratch, extra = {}) {
  const env = { ...process.env, CODEX_HOME: scratch.home, NO_COLOR: "1", RUST_BACKTRACE: "0" };
  for (const k of ["OPENAI_API_KEY", "CODEX_API_KEY", "OPENAI_BASE_URL", "CODEX_SQLITE_HOME"]) delete env[k];
  return { ...env, ...extra };
}

// Runs `codex ARGS` with stdin closed; resolves {code, signal, timedOut, stdout, stderr, ms}.
export function runCodex(scratch, codexBin, args, { timeoutMs = 60000, env = {} } = {}) {
  return new Promise((resolve) => {
    const t0 = Date.now();
    const argv = [...wrapperArgv(scratch), codexBin, ...args];
    const child = spawn(argv[0], argv.slice(1), {
      cwd: scratch.cwd,
      env: codexEnv(scratch, env),
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => {
      stdout += d;
    });
    child.stderr.on("data", (d) => {
      stderr += d;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGTERM"); // the wrapper forwards it to codex
      setTimeout(() => child.kill("SIGKILL"), 5000).unref();
    }, timeoutMs);
    child.on("close", (code, signal) => {
      clearTimeout(timer);
      resolve({ code, signal, timedOut, stdout, stderr, ms: Date.now() - t0 });
    });
  });
}

const stripAnsi = (s) => s.replace(/\x1b\[[0-9;]*m/g, "");

// Environment noise that is not about the scenario's configuration.
export function isNoiseWarning(text) {
  return (
    /^Codex could not find bubblewrap on PATH/.test(text) ||
    /^WARNING: proceeding, even though we could not create PATH aliases/.test(text) ||
    /^Model metadata for `.*` not found/.test(text)
  );
}

// The `warning: ` messages of a CLI run (prefix removed, indented continuation lines kept), noise included.
export function stderrWarnings(stderr) {
  const out = [];
  let current = null;
  for (const line of stripAnsi(stderr).split("\n")) {
    if (line.startsWith("warning: ")) {
      current = line.slice("warning: ".length);
      out.push(current);
    } else if (current !== null && /^\s+\S/.test(line)) {
      current = `${current}\n${line}`;
      out[out.length - 1] = current;
    } else current = null;
  }
  return out;
}

// The fatal message: everything after the first line starting with `Error: `
// (or `Error loading config.toml: `), multi-line, lines right-trimmed.
export function fatalError(stderr) {
  const lines = stripAnsi(stderr).split("\n");
  const i = lines.findIndex((l) => l.startsWith("Error: ") || l.startsWith("Error loading config.toml: "));
  if (i < 0) return null;
  const first = lines[i].replace(/^Error: /, "");
  let rest = lines.slice(i + 1);
  const bt = rest.findIndex((l) => l.startsWith("Stack backtrace:"));
  if (bt >= 0) rest = rest.slice(0, bt);
  return [first, ...rest]
    .map((l) => l.replace(/\s+$/, ""))
    .join("\n")
    .replace(/\n+$/, "");
}
