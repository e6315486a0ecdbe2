import type { CompiledHookPolicyV1, Diagnostic } from "@warden/core";
import { compileHookPolicy, loadCompiledPolicy } from "@warden/core";
import { CliFailure } from "../commands/command-context.ts";
import { ExitCode } from "../exit-codes.ts";
import { readInputText } from "./input-files.ts";

/** A policy named on the command line, compiled: from TOML (with its diagnostics) or compiled JSON. */
export interface ReadHookPolicy {
  readonly policy: CompiledHookPolicyV1 | null;
  readonly diagnostics: Diagnostic[];
  readonly text: string;
}

/**
 * Reads `--policy FILE`: a `.json` file is a compiled policy (checked as the hook would load it),
 * anything else is policy TOML and is compiled. Fails with exit 2 on a policy that cannot be used.
 */
export function readHookPolicy(flag: string, file: string, cwd: string, now = new Date()): ReadHookPolicy {
  const text = readInputText(flag, file, cwd);
  if (!file.endsWith(".json")) {
    const { value, diagnostics } = compileHookPolicy(text, { file, now });
    return { policy: value, diagnostics, text };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CliFailure(ExitCode.usage, `${flag} ${file}: invalid JSON: ${(error as Error).message}`);
  }
  const loaded = loadCompiledPolicy(json, now);
  if ("error" in loaded) throw new CliFailure(ExitCode.usage, `${flag} ${file}: ${loaded.error.message}`);
  return { policy: loaded.policy, diagnostics: [], text };
}
