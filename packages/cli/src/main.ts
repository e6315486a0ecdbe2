import { WardenError } from "@warden/core";
import { Command, CommanderError } from "commander";
import { type CliIo, processIo } from "./cli-io.ts";
import { registerCheckCommand } from "./commands/check-command.ts";
import { CliFailure, type CommandContext } from "./commands/command-context.ts";
import { registerDoctorCommand } from "./commands/doctor-command.ts";
import { registerExplainCommand } from "./commands/explain-command.ts";
import { registerHookCommand } from "./commands/hook-command.ts";
import { registerPolicyCommand } from "./commands/policy-command.ts";
import { registerValidateCommand } from "./commands/validate-command.ts";
import { ExitCode } from "./exit-codes.ts";

export { setModuleImporter } from "./adapters/rust-toml-errors.ts";

/** Builds the `warden` program; commands report their exit code through `setExit`. */
export function createProgram(context: CommandContext, setExit: (code: number) => void): Command {
  const program = new Command("warden")
    .description("Governance for OpenAI Codex CLI fleets")
    .version("0.1.0")
    .exitOverride()
    .configureOutput({ writeOut: (s) => context.io.stdout(s), writeErr: (s) => context.io.stderr(s) })
    .showHelpAfterError();
  registerExplainCommand(program, context, setExit);
  registerDoctorCommand(program, context, setExit);
  registerValidateCommand(program, context, setExit);
  registerPolicyCommand(program, context, setExit);
  registerHookCommand(program, context, setExit);
  registerCheckCommand(program, context, setExit);
  return program;
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code; never throws. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  let exitCode: number = ExitCode.ok;
  const program = createProgram({ io }, (code) => {
    exitCode = code;
  });
  try {
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return ExitCode.ok;
      if (error.code === "commander.help") return ExitCode.ok;
      return ExitCode.usage;
    }
    if (error instanceof CliFailure) {
      io.stderr(`warden: ${error.message}\n`);
      return error.exitCode;
    }
    if (error instanceof WardenError && error.code !== "internal") {
      io.stderr(`warden: ${error.message}\n`);
      return error.code === "usage" ? ExitCode.usage : ExitCode.environment;
    }
    const detail = io.env.WARDEN_DEBUG
      ? ((error as Error).stack ?? String(error))
      : String((error as Error).message ?? error);
    io.stderr(`warden: internal error (a bug; please report it): ${detail}\n`);
    return ExitCode.internal;
  }
}
