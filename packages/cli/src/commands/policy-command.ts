import { resolve } from "node:path";
import { compileHookPolicy, renderDiagnostic } from "@warden/core";
import type { Command } from "commander";
import { readInputText } from "../adapters/input-files.ts";
import { writeFileAtomic } from "../adapters/write-file-atomic.ts";
import { ExitCode } from "../exit-codes.ts";
import { CliFailure, type CommandContext } from "./command-context.ts";

/** The flags of `warden policy compile`. */
export interface PolicyCompileOptions {
  output?: string;
  json?: boolean;
}

function summary(errors: number, warnings: number): string {
  const plural = (n: number, noun: string) => `${n} ${noun}${n === 1 ? "" : "s"}`;
  return `${plural(errors, "error")}, ${plural(warnings, "warning")}`;
}

/** `warden policy compile FILE`: hook policy TOML → the JSON `warden hook` loads, with located diagnostics. */
export function registerPolicyCommand(program: Command, context: CommandContext, setExit: (code: number) => void) {
  const policy = program.command("policy").description("Work with Warden hook policies");
  policy
    .command("compile")
    .description("Compile a hook policy TOML into the JSON `warden hook` loads; report every problem with its position")
    .argument("<file>", "the hook policy TOML")
    .option("-o, --output <file>", "write the compiled policy here (default: print it on stdout)")
    .option("--json", "print one JSON object: diagnostics, revision and (without -o) the policy")
    .action((file: string, options: PolicyCompileOptions) => {
      const { io } = context;
      const text = readInputText("policy compile", file, io.cwd);
      const { value, diagnostics } = compileHookPolicy(text, { file });
      const errors = diagnostics.filter((d) => d.severity === "error").length;
      const warnings = diagnostics.filter((d) => d.severity === "warning").length;
      if (value !== null && options.output !== undefined) {
        const out = resolve(io.cwd, options.output);
        try {
          writeFileAtomic(out, `${JSON.stringify(value, null, 2)}\n`);
        } catch (error) {
          throw new CliFailure(ExitCode.environment, `--output ${options.output}: ${(error as Error).message}`);
        }
      }
      if (options.json) {
        const report = {
          file,
          ok: value !== null,
          errorCount: errors,
          warningCount: warnings,
          diagnostics,
          revision: value?.revision ?? null,
          output: value !== null && options.output !== undefined ? options.output : null,
          ...(options.output === undefined ? { policy: value } : {}),
        };
        io.stdout(`${JSON.stringify(report, null, 2)}\n`);
      } else {
        const rendered = diagnostics.map(
          (d) => `${renderDiagnostic({ ...d, message: `${d.message} [${d.code}]` }, text)}\n`,
        );
        // Without -o the policy is the output, so the findings go to stderr.
        const write = options.output === undefined && value !== null ? io.stderr : io.stdout;
        if (rendered.length > 0) write(`${rendered.join("")}\n`);
        if (value === null) write(`${file}: not compiled: ${summary(errors, warnings)}.\n`);
        else if (options.output === undefined) {
          io.stdout(`${JSON.stringify(value, null, 2)}\n`);
          write(
            `${file}: compiled (${value.rules.length} rules, revision ${value.revision}): ${summary(0, warnings)}.\n`,
          );
        } else {
          write(
            `${file}: compiled to ${options.output} (${value.rules.length} rules, revision ${value.revision}): ${summary(0, warnings)}.\n`,
          );
        }
      }
      setExit(value === null ? ExitCode.problemsFound : ExitCode.ok);
    });
}
