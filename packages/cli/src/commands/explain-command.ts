import { homedir, hostname as osHostname } from "node:os";
import { basename, extname, join } from "node:path";
import {
  type CloudFragment,
  type CodexVersion,
  type ExplainInputs,
  explainCodex,
  type Platform,
  readMdmPlist,
  SUPPORTED_CODEX_VERSIONS,
} from "@warden/core";
import type { ExplainResultV1 } from "@warden/protocol";
import type { Command } from "commander";
import { readInputText, requireDirectory } from "../adapters/input-files.ts";
import { createNodeFileSystem } from "../adapters/node-file-system.ts";
import { rustTomlSyntaxError } from "../adapters/rust-toml-errors.ts";
import type { CliIo } from "../cli-io.ts";
import { ExitCode } from "../exit-codes.ts";
import { renderExplainTable } from "../render/explain-table.ts";
import { CliFailure, type CommandContext, reportFailure } from "./command-context.ts";
import { addExplainOptions, type ExplainOptions, explainHelp, parseExplainArgv } from "./explain-args.ts";

/** Turns command-line options into engine inputs, validating every path at the edge. */
export function buildExplainInputs(options: ExplainOptions, context: CommandContext): ExplainInputs {
  const { io } = context;
  if (!(SUPPORTED_CODEX_VERSIONS as readonly string[]).includes(options.codexVersion)) {
    throw new CliFailure(
      ExitCode.usage,
      `--codex-version ${options.codexVersion}: not supported; supported: ${SUPPORTED_CODEX_VERSIONS.join(", ")}`,
    );
  }
  const etcDir = options.etcDir ? requireDirectory("--etc-dir", options.etcDir, io.cwd) : "/etc/codex";
  const codexHome = options.codexHome
    ? requireDirectory("--codex-home", options.codexHome, io.cwd)
    : (io.env.CODEX_HOME ?? join(homedir(), ".codex"));
  const cwd = options.cwd ? requireDirectory("--cwd", options.cwd, io.cwd) : io.cwd;
  return {
    codexVersion: options.codexVersion as CodexVersion,
    etcDir,
    etcDisplayDir: "/etc/codex",
    codexHome,
    homeDir: io.env.HOME ?? homedir(),
    cwd,
    profile: options.profile ?? null,
    overrides: options.config,
    enable: options.enable,
    disable: options.disable,
    hostname: options.hostname ?? osHostname(),
    platform: currentPlatform(),
    mdm: options.mdmPlist ? readMdm(options.mdmPlist, io.cwd) : null,
    cloudRequirements: options.cloudRequirements.map((file) => readCloudFragment(file, io.cwd)),
    env: io.env,
  };
}

function currentPlatform(): Platform {
  if (process.platform === "darwin") return "macos";
  if (process.platform === "win32") return "windows";
  return "linux";
}

function readMdm(file: string, cwd: string): ExplainInputs["mdm"] {
  // A value that does not decode is what Codex would fail on, so the engine reports it, not the CLI.
  const parsed = readMdmPlist(readInputText("--mdm-plist", file, cwd));
  if ("error" in parsed) throw new CliFailure(ExitCode.usage, `--mdm-plist ${file}: ${parsed.error}`);
  return parsed.value;
}

function readCloudFragment(file: string, cwd: string): CloudFragment {
  const text = readInputText("--cloud-requirements", file, cwd);
  if (extname(file) !== ".json") {
    const id = basename(file, extname(file));
    return { id, name: id, contents: text };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new CliFailure(ExitCode.usage, `--cloud-requirements ${file}: invalid JSON: ${(error as Error).message}`);
  }
  const fragment = parsed as Partial<CloudFragment>;
  if (typeof fragment.id !== "string" || typeof fragment.name !== "string" || typeof fragment.contents !== "string") {
    throw new CliFailure(
      ExitCode.usage,
      `--cloud-requirements ${file}: expected an object with string fields "id", "name" and "contents"`,
    );
  }
  return { id: fragment.id, name: fragment.name, contents: fragment.contents };
}

/** Runs the engine for the given options; returns the inputs it resolved and its result. */
export async function runExplain(
  options: ExplainOptions,
  context: CommandContext,
): Promise<{ inputs: ExplainInputs; result: ExplainResultV1 }> {
  const inputs = buildExplainInputs(options, context);
  return { inputs, result: await explainCodex({ fs: createNodeFileSystem(), rustTomlSyntaxError }, inputs) };
}

/** Prints a result as JSON or as the table, and returns the exit code (1 when Codex would not start). */
export function printExplainResult(
  result: ExplainResultV1,
  json: boolean | undefined,
  context: CommandContext,
): number {
  context.io.stdout(json ? `${JSON.stringify(result, null, 2)}\n` : renderExplainTable(result));
  return result.error === null ? ExitCode.ok : ExitCode.problemsFound;
}

const EXPLAIN_DESCRIPTION =
  "Simulate Codex's effective configuration: values, the layer that set each, fallbacks and startup errors";
const DOCTOR_DESCRIPTION = "Explain what Codex will run with on this machine, for this user, in this directory";

/** `warden explain`: the effective Codex configuration for the given inputs. */
async function explainAction(options: ExplainOptions, context: CommandContext): Promise<number> {
  const { result } = await runExplain(options, context);
  return printExplainResult(result, options.json, context);
}

/** `warden doctor`: `explain` for this machine as it is (real /etc/codex, $CODEX_HOME, this directory). */
async function doctorAction(options: ExplainOptions, context: CommandContext): Promise<number> {
  const { inputs, result } = await runExplain(options, context);
  if (!options.json) {
    context.io.stdout(
      `Managed files: ${inputs.etcDir}\nCODEX_HOME:    ${inputs.codexHome}\nDirectory:     ${inputs.cwd}\n\n`,
    );
  }
  return printExplainResult(result, options.json, context);
}

const SIMULATIONS = {
  explain: { description: EXPLAIN_DESCRIPTION, action: explainAction },
  doctor: { description: DOCTOR_DESCRIPTION, action: doctorAction },
} as const;

/** `explain` and `doctor`, the commands that parse their flags without commander (see explain-args.ts). */
export type SimulationCommand = keyof typeof SIMULATIONS;

/** Runs `warden explain …` or `warden doctor …` (argv starts with the command name); never throws. */
export async function runSimulationCommand(argv: readonly string[], io: CliIo): Promise<number> {
  const name = argv[0] as SimulationCommand;
  const { description, action } = SIMULATIONS[name];
  const parsed = parseExplainArgv(name, argv.slice(1));
  if ("help" in parsed) {
    io.stdout(explainHelp(name, description));
    return ExitCode.ok;
  }
  if ("usage" in parsed) {
    io.stderr(`error: ${parsed.usage}\n\n${explainHelp(name, description)}`);
    return ExitCode.usage;
  }
  try {
    return await action(parsed.options, { io });
  } catch (error) {
    return reportFailure(error, io);
  }
}

/**
 * Declares `explain` and `doctor` on the full CLI's commander program, for `warden --help` and
 * `warden help explain`; runs of them go to `runSimulationCommand` before commander parses.
 */
export function registerSimulationCommand(program: Command, name: SimulationCommand): void {
  addExplainOptions(program.command(name).description(SIMULATIONS[name].description));
}
