import { type CliIo, processIo } from "./cli-io.ts";
import { type CommandTable, type Register, runCli } from "./run-cli.ts";

export { setModuleImporter } from "./adapters/rust-toml-errors.ts";

/** `explain` and `doctor` are declared on the program for help; their runs skip commander (below). */
async function registerSimulation(name: "explain" | "doctor"): Promise<Register> {
  const { registerSimulationCommand } = await import("./commands/explain-command.ts");
  return (program) => registerSimulationCommand(program, name);
}

/**
 * Each command's module, loaded on demand: a run imports only the command it runs (so `explain`
 * never initialises the hook, validator or server code); help and unknown commands load them all.
 */
const COMMANDS: CommandTable = {
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
  return runCli(COMMANDS, argv, io);
}
