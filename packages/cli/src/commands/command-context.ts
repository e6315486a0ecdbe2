import type { CliIo } from "../cli-io.ts";
import type { ExitCodeValue } from "../exit-codes.ts";

/** A problem at the CLI's edge (bad flags, missing or unreadable files) with the exit code it maps to. */
export class CliFailure extends Error {
  constructor(
    readonly exitCode: ExitCodeValue,
    message: string,
  ) {
    super(message);
    this.name = "CliFailure";
  }
}

/** What every command receives: where to print and the process environment. */
export interface CommandContext {
  io: CliIo;
}

/** Collects a repeatable option's values (`-c a=1 -c b=2`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value];
}
