import type { Command } from "commander";
import type { CommandContext } from "./command-context.ts";
import { addExplainOptions, type ExplainOptions, printExplainResult, runExplain } from "./explain-command.ts";

/** `warden doctor`: `explain` for this machine as it is (real /etc/codex, $CODEX_HOME, this directory). */
export function registerDoctorCommand(
  program: Command,
  context: CommandContext,
  setExit: (code: number) => void,
): void {
  addExplainOptions(
    program
      .command("doctor")
      .description("Explain what Codex will run with on this machine, for this user, in this directory"),
  ).action(async (options: ExplainOptions) => {
    const { inputs, result } = await runExplain(options, context);
    if (!options.json) {
      context.io.stdout(
        `Managed files: ${inputs.etcDir}\nCODEX_HOME:    ${inputs.codexHome}\nDirectory:     ${inputs.cwd}\n\n`,
      );
    }
    setExit(printExplainResult(result, options.json, context));
  });
}
