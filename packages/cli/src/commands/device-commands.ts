import type { Command } from "commander";
import type { CommandContext } from "./command-context.ts";
import type { EnrollOptions, SyncOptions } from "./run-device-sync.ts";

/** The agent's state directory unless `--state-dir` names another. */
export const DEFAULT_STATE_DIR = "/var/lib/warden";

/** `warden enroll`: registers this device with the control plane and pins its signing keys. */
export function registerEnrollCommand(program: Command, context: CommandContext, setExit: (code: number) => void) {
  program
    .command("enroll")
    .description("Enrol this device: create its key pair, register it with a one-time token, pin the signing keys")
    .requiredOption("--server <url>", "the control plane's URL")
    .requiredOption("--token <token>", "a one-time enrollment token (POST /v1/enrollment-tokens)")
    .option("--state-dir <dir>", "where the device key and state live", DEFAULT_STATE_DIR)
    .option("--json", "print one JSON object")
    .action(async (options: EnrollOptions) => {
      const { runEnroll } = await import("./run-device-sync.ts");
      await runEnroll(options, context, setExit);
    });
}

/** `warden sync`: fetches, verifies and installs this device's signed policy bundle. */
export function registerSyncCommand(program: Command, context: CommandContext, setExit: (code: number) => void) {
  program
    .command("sync")
    .description("Fetch this device's signed bundle, verify it and install it into the etc directory atomically")
    .option("--state-dir <dir>", "where the device key and state live", DEFAULT_STATE_DIR)
    .option("--etc-dir <dir>", "where Codex reads requirements.toml and managed_config.toml", "/etc/codex")
    .option("--json", "print one JSON object")
    .action(async (options: SyncOptions) => {
      const { runSync } = await import("./run-device-sync.ts");
      await runSync(options, context, setExit);
    });
}
