import {
  isPolicyKind,
  POLICY_KINDS,
  type PolicyFileInput,
  type PolicyFileReport,
  type PolicyKind,
  policyKindFromName,
  validatePolicyFiles,
} from "@warden/core";
import { type Command, Option } from "commander";
import { readInputText } from "../adapters/input-files.ts";
import { rustTomlSyntaxError } from "../adapters/rust-toml-errors.ts";
import { ExitCode, type ExitCodeValue } from "../exit-codes.ts";
import type { ValidateFileReport, ValidateReport } from "../render/validate-report.ts";
import { renderValidateSarif } from "../render/validate-sarif.ts";
import { renderValidateText } from "../render/validate-text.ts";
import { CliFailure, type CommandContext } from "./command-context.ts";

/** The flags of `warden validate`. */
export interface ValidateOptions {
  kind?: string;
  format?: string;
  json?: boolean;
  strict?: boolean;
}

const FORMATS = ["text", "json", "sarif"] as const;

/** A file that could not be read, as a diagnostic (the exit code is kept aside). */
function readFailure(file: string, failure: CliFailure, kind: PolicyKind | undefined): ValidateFileReport {
  const prefix = `validate ${file}: `;
  const message = failure.message.startsWith(prefix) ? failure.message.slice(prefix.length) : failure.message;
  const code = failure.exitCode === ExitCode.environment ? "input-unreadable" : "input-rejected";
  return {
    file,
    kind: kind ?? policyKindFromName(file),
    diagnostics: [{ code, severity: "error", message, file, line: null, column: null, keyPath: null }],
  };
}

async function codexSyntaxVerdict(text: string): Promise<string | null | undefined> {
  try {
    return await rustTomlSyntaxError(text);
  } catch {
    return undefined; // no wasm parser: the core maps the JS parser's error instead
  }
}

/** Reads and validates the files; returns the report, the file texts and the worst read-failure exit code. */
export async function runValidate(
  files: readonly string[],
  kind: PolicyKind | undefined,
  context: CommandContext,
): Promise<{ report: ValidateReport; texts: Map<string, string>; readExit: ExitCodeValue }> {
  const texts = new Map<string, string>();
  const failures = new Map<string, ValidateFileReport>();
  const inputs: PolicyFileInput[] = [];
  let readExit: ExitCodeValue = ExitCode.ok;
  for (const file of files) {
    let text: string;
    try {
      text = readInputText("validate", file, context.io.cwd);
    } catch (error) {
      if (!(error instanceof CliFailure)) throw error;
      failures.set(file, readFailure(file, error, kind));
      if (readExit !== ExitCode.environment) readExit = error.exitCode;
      continue;
    }
    texts.set(file, text);
    inputs.push({ file, text, ...(kind ? { kind } : {}), rustSyntaxError: await codexSyntaxVerdict(text) });
  }
  const validated = new Map<string, PolicyFileReport>(validatePolicyFiles(inputs).map((r) => [r.file, r]));
  const reports = files.map((file) => failures.get(file) ?? validated.get(file)!);
  const count = (severity: string) =>
    reports.reduce((sum, r) => sum + r.diagnostics.filter((d) => d.severity === severity).length, 0);
  return {
    report: {
      files: reports.map(({ file, kind: k, diagnostics }) => ({ file, kind: k, diagnostics })),
      errorCount: count("error"),
      warningCount: count("warning"),
    },
    texts,
    readExit,
  };
}

/** The exit code: a read failure's (2 or 3) first, then 1 for errors (or warnings with `--strict`). */
export function validateExitCode(report: ValidateReport, readExit: ExitCodeValue, strict: boolean): ExitCodeValue {
  if (readExit !== ExitCode.ok) return readExit;
  if (report.errorCount > 0 || (strict && report.warningCount > 0)) return ExitCode.problemsFound;
  return ExitCode.ok;
}

function formatOf(options: ValidateOptions): (typeof FORMATS)[number] {
  const format = options.format ?? (options.json ? "json" : "text");
  if (options.json && format !== "json") {
    throw new CliFailure(ExitCode.usage, `--json conflicts with --format ${format}`);
  }
  return format as (typeof FORMATS)[number];
}

/** `warden validate FILE…`: checks Codex policy files and reports every problem with its position. */
export function registerValidateCommand(
  program: Command,
  context: CommandContext,
  setExit: (code: number) => void,
): void {
  program
    .command("validate")
    .description(
      "Check requirements.toml, managed_config.toml and config.toml files the way Codex 0.169.0 loads them, plus lints",
    )
    .argument(
      "<files...>",
      "policy files to check (kind from the name: requirements*.toml, managed_config*.toml, *config.toml)",
    )
    .addOption(new Option("--kind <kind>", "treat every file as this kind").choices(POLICY_KINDS))
    .addOption(new Option("--format <format>", "output format").choices(FORMATS))
    .option("--json", "print one JSON object (same as --format json)")
    .option("--strict", "exit 1 on warnings too")
    .action(async (files: string[], options: ValidateOptions) => {
      const format = formatOf(options);
      const kind = options.kind !== undefined && isPolicyKind(options.kind) ? options.kind : undefined;
      const { report, texts, readExit } = await runValidate(files, kind, context);
      if (format === "json") context.io.stdout(`${JSON.stringify(report, null, 2)}\n`);
      else if (format === "sarif")
        context.io.stdout(`${JSON.stringify(renderValidateSarif(report, context.io.cwd), null, 2)}\n`);
      else context.io.stdout(renderValidateText(report, texts));
      setExit(validateExitCode(report, readExit, options.strict === true));
    });
}
