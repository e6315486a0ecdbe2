import { SUPPORTED_CODEX_VERSIONS } from "@warden/core";
import type { Command } from "commander";
import { collect } from "./command-context.ts";

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

/** One flag: its long name, the ExplainOptions key it fills, its value's name (none for a switch). */
interface ExplainFlag {
  readonly long: string;
  readonly short?: string;
  readonly key: keyof ExplainOptions;
  readonly value?: string;
  readonly repeatable?: boolean;
  readonly default?: string;
  readonly description: string;
}

/**
 * The simulation flags, declared once: commander registers them for `warden --help` and
 * `warden help explain`, and `parseExplainArgv` parses them without commander, so `explain` and
 * `doctor` start without loading it (bin/warden.cjs runs them from their own small bundle).
 */
const EXPLAIN_FLAGS: readonly ExplainFlag[] = [
  { long: "etc-dir", key: "etcDir", value: "dir", description: "directory standing in for /etc/codex" },
  {
    long: "codex-home",
    key: "codexHome",
    value: "dir",
    description: "directory standing in for $CODEX_HOME (default: $CODEX_HOME, else ~/.codex)",
  },
  {
    long: "cwd",
    key: "cwd",
    value: "dir",
    description: "the working directory Codex starts in (default: the current directory)",
  },
  {
    long: "profile",
    key: "profile",
    value: "name",
    description: "select $CODEX_HOME/<name>.config.toml, like `codex --profile`",
  },
  {
    long: "config",
    short: "c",
    key: "config",
    value: "key=value",
    repeatable: true,
    description: "a config override, like `codex -c` (repeatable)",
  },
  {
    long: "enable",
    key: "enable",
    value: "feature",
    repeatable: true,
    description: "enable a feature, like `codex --enable` (repeatable)",
  },
  {
    long: "disable",
    key: "disable",
    value: "feature",
    repeatable: true,
    description: "disable a feature, like `codex --disable` (repeatable)",
  },
  {
    long: "hostname",
    key: "hostname",
    value: "name",
    description: "the host name remote_sandbox_config patterns match (default: this host)",
  },
  {
    long: "mdm-plist",
    key: "mdmPlist",
    value: "file",
    description: "a com.openai.codex plist or .mobileconfig with requirements_toml_base64 / config_toml_base64",
  },
  {
    long: "cloud-requirements",
    key: "cloudRequirements",
    value: "file",
    repeatable: true,
    description: "a cloud requirements fragment (.toml, or .json {id,name,contents}); repeat, highest priority first",
  },
  {
    long: "codex-version",
    key: "codexVersion",
    value: "version",
    default: "0.169.0",
    description: `the Codex version to simulate (${SUPPORTED_CODEX_VERSIONS.join(", ")})`,
  },
  { long: "json", key: "json", description: "print one JSON object" },
];

const flagSyntax = (flag: ExplainFlag): string =>
  `${flag.short ? `-${flag.short}, ` : ""}--${flag.long}${flag.value ? ` <${flag.value}>` : ""}`;

/** Declares the simulation flags on a commander command (the full CLI's `explain` and `doctor`). */
export function addExplainOptions(command: Command): Command {
  for (const flag of EXPLAIN_FLAGS) {
    if (flag.repeatable) command.option(flagSyntax(flag), flag.description, collect, []);
    else if (flag.default !== undefined) command.option(flagSyntax(flag), flag.description, flag.default);
    else command.option(flagSyntax(flag), flag.description);
  }
  return command;
}

/** `warden <name> --help`, laid out as commander lays out the other commands' help. */
export function explainHelp(name: string, description: string): string {
  const rows = [
    ...EXPLAIN_FLAGS.map((flag) => {
      const fallback = flag.default ? ` (default: "${flag.default}")` : "";
      return [flagSyntax(flag), `${flag.description}${fallback}`] as const;
    }),
    ["-h, --help", "display help for command"] as const,
  ];
  const width = Math.max(...rows.map(([syntax]) => syntax.length));
  const lines = rows.map(([syntax, text]) => `  ${syntax.padEnd(width)}  ${text}`);
  return `Usage: warden ${name} [options]\n\n${description}\n\nOptions:\n${lines.join("\n")}\n`;
}

/** What the command line asked for: the options, the help, or a usage error (worded as commander words it). */
export type ExplainArgv = { readonly options: ExplainOptions } | { readonly help: true } | { readonly usage: string };

/**
 * Parses `explain`/`doctor` flags (after the command name): `--flag value`, `--flag=value`,
 * `-c value`, `-cvalue`, switches, `--` before positionals. By hand rather than with node:util's
 * parseArgs, whose module costs about a millisecond of every start.
 */
export function parseExplainArgv(name: string, argv: readonly string[]): ExplainArgv {
  if (argv.some((arg) => arg === "--help" || arg === "-h")) return { help: true };
  const options: Record<string, unknown> = {};
  for (const flag of EXPLAIN_FLAGS) options[flag.key] = flag.repeatable ? [] : flag.default;
  let positionals = 0;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === "--") {
      positionals += argv.length - i - 1;
      break;
    }
    if (!arg.startsWith("-") || arg === "-") {
      positionals++;
      continue;
    }
    const long = arg.startsWith("--");
    const eq = long ? arg.indexOf("=") : -1;
    const written = eq >= 0 ? arg.slice(0, eq) : long ? arg : arg.slice(0, 2);
    const flag = EXPLAIN_FLAGS.find((f) => (long ? `--${f.long}` : `-${f.short}`) === written);
    if (flag === undefined) return { usage: `unknown option '${written}'` };
    if (flag.value === undefined) {
      if (eq >= 0 || (!long && arg.length > 2)) return { usage: `option '${flagSyntax(flag)}' takes no argument` };
      options[flag.key] = true;
      continue;
    }
    let value: string | undefined = eq >= 0 ? arg.slice(eq + 1) : !long && arg.length > 2 ? arg.slice(2) : undefined;
    if (value === undefined) {
      const next = argv[i + 1];
      if (next === undefined || (next.startsWith("-") && next !== "-")) {
        return { usage: `option '${flagSyntax(flag)}' argument missing` };
      }
      value = next;
      i++;
    }
    if (flag.repeatable) (options[flag.key] as string[]).push(value);
    else options[flag.key] = value;
  }
  if (positionals > 0) {
    return { usage: `too many arguments for '${name}'. Expected 0 arguments but got ${positionals}.` };
  }
  return { options: options as unknown as ExplainOptions };
}
