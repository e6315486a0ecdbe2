// The entry of dist/warden-explain.cjs: `warden explain` and `warden doctor` alone, without
// commander, so the commands people run most start without reading, deserialising or
// initialising the rest of the CLI. bin/warden.cjs picks this bundle for those two names.
import { type CliIo, processIo } from "./cli-io.ts";
import { runSimulationCommand } from "./commands/explain-command.ts";

export { setModuleImporter } from "./adapters/rust-toml-errors.ts";

/** Runs `explain …` or `doctor …` (argv without node and script) and returns the exit code; never throws. */
export function main(argv: string[], io: CliIo = processIo()): Promise<number> {
  return runSimulationCommand(argv, io);
}
