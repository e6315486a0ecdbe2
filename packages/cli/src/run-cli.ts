import { Command, CommanderError } from "commander";
import type { CliIo } from "./cli-io.ts";
import { type CommandContext, reportFailure } from "./commands/command-context.ts";
import { ExitCode } from "./exit-codes.ts";

/** Declares one command on the program; the command reports its exit code through `setExit`. */
export type Register = (program: Command, context: CommandContext, setExit: (code: number) => void) => void;

/** Command name → its registration, loaded on demand. */
export type CommandTable = Readonly<Record<string, () => Promise<Register>>>;

/** Builds the `warden` program for `argv`; commands report their exit code through `setExit`. */
export async function createProgram(
  commands: CommandTable,
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
  const names = first !== undefined && Object.hasOwn(commands, first) ? [first] : Object.keys(commands);
  for (const name of names) (await commands[name]!())(program, context, setExit);
  return program;
}

/** Runs the CLI on `argv` (without node and script) and returns the exit code; never throws. */
export async function runCli(commands: CommandTable, argv: string[], io: CliIo): Promise<number> {
  let exitCode: number = ExitCode.ok;
  try {
    const program = await createProgram(
      commands,
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
