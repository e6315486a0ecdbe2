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
import { ExitCode } from "../exit-codes.ts";
import { renderExplainTable } from "../render/explain-table.ts";
import { CliFailure, type CommandContext, collect } from "./command-context.ts";

/** The options `explain` and `doctor` share. */
export interface ExplainOptions {
  etcDir?: string;
  codexHome?: string;
  cwd?: string;
  profile?: string;
  config: string[];
  enable: string[];
  disable: string[];
  hostname?: string;
  mdmPlist?: string;
  cloudRequirements: string[];
  codexVersion: string;
  json?: boolean;
}

/** Declares the simulation flags on a command (`explain`, `doctor`). */
export function addExplainOptions(command: Command): Command {
  return command
    .option("--etc-dir <dir>", "directory standing in for /etc/codex", undefined)
    .option("--codex-home <dir>", "directory standing in for $CODEX_HOME (default: $CODEX_HOME, else ~/.codex)")
    .option("--cwd <dir>", "the working directory Codex starts in (default: the current directory)")
    .option("--profile <name>", "select $CODEX_HOME/<name>.config.toml, like `codex --profile`")
    .option("-c, --config <key=value>", "a config override, like `codex -c` (repeatable)", collect, [])
    .option("--enable <feature>", "enable a feature, like `codex --enable` (repeatable)", collect, [])
    .option("--disable <feature>", "disable a feature, like `codex --disable` (repeatable)", collect, [])
    .option("--hostname <name>", "the host name remote_sandbox_config patterns match (default: this host)")
    .option(
      "--mdm-plist <file>",
      "a com.openai.codex plist or .mobileconfig with requirements_toml_base64 / config_toml_base64",
    )
    .option(
      "--cloud-requirements <file>",
      "a cloud requirements fragment (.toml, or .json {id,name,contents}); repeat, highest priority first",
      collect,
      [],
    )
    .option(
      "--codex-version <version>",
      `the Codex version to simulate (${SUPPORTED_CODEX_VERSIONS.join(", ")})`,
      "0.169.0",
    )
    .option("--json", "print one JSON object");
}

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

/** `warden explain`: the effective Codex configuration for the given inputs. */
export function registerExplainCommand(
  program: Command,
  context: CommandContext,
  setExit: (code: number) => void,
): void {
  addExplainOptions(
    program
      .command("explain")
      .description(
        "Simulate Codex's effective configuration: values, the layer that set each, fallbacks and startup errors",
      ),
  ).action(async (options: ExplainOptions) => {
    const { result } = await runExplain(options, context);
    setExit(printExplainResult(result, options.json, context));
  });
}
