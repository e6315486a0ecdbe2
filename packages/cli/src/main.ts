import { Command, CommanderError } from "commander";
import { type CliIo, processIo } from "./cli-io.ts";
import { type CommandContext, reportFailure } from "./commands/command-context.ts";
import { ExitCode } from "./exit-codes.ts";

export { setModuleImporter } from "./adapters/rust-toml-errors.ts";

/** Declares one command on the program; the command reports its exit code through `setExit`. */
type Register = (program: Command, context: CommandContext, setExit: (code: number) => void) => void;

/** Builds the `warden` program for `argv`; commands report their exit code through `setExit`. */
export async function createProgram(
  context: CommandContext,
  setExit: (code: number) => void,
  argv: readonly string[] = [],
): Promise<Command> {
  const program = new Command("warden")
    .description("Governance for OpenAI Codex CLI fleets")
    .version("0.1.0")
    .exitOverride()
    .configureOutput({ writeOut: (s) => context.io.stdout(s), writeErr: (s) => context.io.stderr(s) })
    .showHelpAfterError();
  const first = argv[0];
  const names = first !== undefined && Object.hasOwn(COMMANDS, first) ? [first] : Object.keys(COMMANDS);
  for (const name of names) (await COMMANDS[name]!())(program, context, setExit);
  return program;
}

/** `explain` and `doctor` are declared on the program for help; their runs skip commander (below). */
async function registerSimulation(name: "explain" | "doctor"): Promise<Register> {
  const { registerSimulationCommand } = await import("./commands/explain-command.ts");
  return (program) => registerSimulationCommand(program, name);
}

/**
 * Each command's module, loaded on demand: a run imports only the command it runs (so `explain`
 * never initialises the hook, validator or server code); help and unknown commands load them all.
 */
const COMMANDS: Record<string, () => Promise<Register>> = {
  explain: async () => registerSimulation("explain"),
  doctor: async () => registerSimulation("doctor"),
  validate: async () => (await import("./commands/validate-command.ts")).registerValidateCommand,
  policy: async () => (await import("./commands/policy-command.ts")).registerPolicyCommand,
  hook: async () => (await import("./commands/hook-command.ts")).registerHookCommand,
  check: async () => (await import("./commands/check-command.ts")).registerCheckCommand,
  serve: async () => (await import("./commands/serve-command.ts")).registerServeCommand,
  enroll: async () => (await import("./commands/device-commands.ts")).registerEnrollCommand,
  sync: async () => (await import("./commands/device-commands.ts")).registerSyncCommand,
  ship: async () => (await import("./commands/ship-command.ts")).registerShipCommand,
  audit: async () => (await import("./commands/audit-command.ts")).registerAuditCommand,
  agent: async () => (await import("./commands/agent-command.ts")).registerAgentCommand,
};

/** The names of the commands this build has (`warden agent` runs `sync` only when it is one). */
export function commandNames(): string[] {
  return Object.keys(COMMANDS);
}

/** Loads one command's registration. */
export function loadCommand(name: string): Promise<Register> {
  const load = COMMANDS[name];
  if (load === undefined) throw new Error(`no command ${name}`);
  return load();
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code; never throws. */
export async function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  if (argv[0] === "explain" || argv[0] === "doctor") {
    return (await import("./commands/explain-command.ts")).runSimulationCommand(argv, io);
  }
  let exitCode: number = ExitCode.ok;
  try {
    const program = await createProgram(
      { io },
      (code) => {
        exitCode = code;
      },
      argv,
    );
    await program.parseAsync(argv, { from: "user" });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === "commander.helpDisplayed" || error.code === "commander.version") return ExitCode.ok;
      if (error.code === "commander.help") return ExitCode.ok;
      return ExitCode.usage;
    }
    return reportFailure(error, io);
  }
}
