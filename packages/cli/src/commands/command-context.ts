import { WardenError } from "@warden/core";
import type { CliIo } from "../cli-io.ts";
import { ExitCode, type ExitCodeValue } from "../exit-codes.ts";

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

/** Prints what went wrong and returns the exit code it maps to (an unexpected error is a bug: 70). */
export function reportFailure(error: unknown, io: CliIo): number {
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
