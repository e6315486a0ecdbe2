/** The managed paths and limits of `warden hook` (agent's OS paths for Linux and macOS). */
export const HOOK_DEFAULTS = {
  policyPath: "/etc/codex/warden/hook-policy.json",
  publicKeyPath: "/etc/codex/warden/hook-policy.pub",
  spoolDir: "/var/lib/warden/spool",
  /** Well inside the `timeout = 10` `hook install` writes (Codex kills a late hook and fails open). */
  deadlineMs: 2000,
  /** Real events are kilobytes; a patch for a large file can reach a few MiB. */
  maxStdinBytes: 8 * 1024 * 1024,
} as const;

/** Where `warden hook` reads its policy and writes its spool, and its time budget. */
export interface HookOptions {
  readonly policyPath: string;
  readonly publicKeyPath: string | null;
  readonly publicKeyRequired: boolean;
  readonly spoolDir: string;
  readonly deadlineMs: number;
  readonly maxStdinBytes: number;
  /** `auto`: a hook that finds no `warden hook serve` for its spool starts one (fast-path.ts). */
  readonly daemon: "auto" | "off";
}

/**
 * Reads `warden hook`'s flags: `--policy FILE`, `--public-key FILE`, `--spool-dir DIR`,
 * `--deadline-ms N`, `--daemon auto|off`; `WARDEN_HOOK_POLICY` / `WARDEN_SPOOL_DIR` stand in for the first and third.
 * The key is never taken from the environment: Codex passes the user's environment to hooks,
 * and a pinned key is what keeps a user-chosen policy file from being trusted.
 */
export function parseHookOptions(
  argv: readonly string[],
  env: Readonly<Record<string, string | undefined>>,
): { options: HookOptions } | { usage: string } {
  const flags = new Map<string, string>();
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const eq = arg.indexOf("=");
    const name = eq > 0 ? arg.slice(0, eq) : arg;
    if (!["--policy", "--public-key", "--spool-dir", "--deadline-ms", "--daemon"].includes(name)) {
      return { usage: `unknown argument ${JSON.stringify(arg)}` };
    }
    const value = eq > 0 ? arg.slice(eq + 1) : argv[++i];
    if (value === undefined || value === "") return { usage: `${name} needs a value` };
    flags.set(name, value);
  }
  const deadline = Number(flags.get("--deadline-ms") ?? HOOK_DEFAULTS.deadlineMs);
  if (!Number.isSafeInteger(deadline) || deadline < 50 || deadline > 600_000) {
    return { usage: "--deadline-ms must be an integer from 50 to 600000" };
  }
  const daemon = flags.get("--daemon") ?? "off";
  if (daemon !== "auto" && daemon !== "off") return { usage: "--daemon must be auto or off" };
  const key = flags.get("--public-key");
  return {
    options: {
      policyPath: flags.get("--policy") ?? (env.WARDEN_HOOK_POLICY || HOOK_DEFAULTS.policyPath),
      publicKeyPath: key ?? HOOK_DEFAULTS.publicKeyPath,
      publicKeyRequired: key !== undefined,
      spoolDir: flags.get("--spool-dir") ?? (env.WARDEN_SPOOL_DIR || HOOK_DEFAULTS.spoolDir),
      deadlineMs: deadline,
      maxStdinBytes: HOOK_DEFAULTS.maxStdinBytes,
      daemon,
    },
  };
}
