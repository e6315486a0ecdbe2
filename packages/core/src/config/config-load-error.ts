import type { SourcePosition, TomlDocument } from "../toml/parse-toml.ts";
import { isTable } from "../toml/toml-value.ts";
import { type ConfigSchemaIssue, formatValueIssue } from "./config-toml-schema.ts";

/**
 * A fatal config-loading error: `message` is the exact text Codex 0.169.0's CLI prints after
 * `Error: ` (for example `/root/.codex/config.toml:1:9: invalid type: integer `1`, expected a
 * string`); `file`/`line`/`column` locate it when it comes from a file, `keyPath` names the key.
 */
export interface ConfigLoadError {
  readonly message: string;
  readonly file?: string;
  readonly line?: number;
  readonly column?: number;
  readonly keyPath?: string;
}

/**
 * `ConfigLoadError`'s Display (diagnostics.rs): `{path}:{line}:{column}: {message}`; the CLI then
 * prints the underlying error as anyhow's `Caused by:` section, each line indented by four spaces
 * (probed: a malformed or mistyped config.toml). Lines are right-trimmed.
 */
export function fileError(
  file: string,
  position: SourcePosition,
  detail: string,
  keyPath?: string,
  cause?: string,
): ConfigLoadError {
  const causedBy =
    cause === undefined
      ? ""
      : `\n\nCaused by:\n${cause
          .replace(/\n+$/, "")
          .split("\n")
          .map((line) => `    ${line}`.trimEnd())
          .join("\n")}`;
  return {
    message: `${file}:${position.line}:${position.column}: ${detail}${causedBy}`,
    file,
    line: position.line,
    column: position.column,
    ...(keyPath === undefined ? {} : { keyPath }),
  };
}

/**
 * Where Codex points for a typed error in a file (`span_for_config_path`): the node at the serde
 * path (a value, or the `[header]` of a table); for the bare `features` path, the first
 * non-boolean entry of `[features]`; else the start of the file.
 */
export function issuePosition(document: TomlDocument, spanPath: ConfigSchemaIssue["spanPath"]): SourcePosition {
  if (spanPath.length === 1 && spanPath[0] === "features") {
    const features = document.value.features;
    if (isTable(features)) {
      const key = Object.keys(features).find((name) => typeof features[name] !== "boolean");
      if (key !== undefined) return document.valuePositionOf(["features", key]) ?? { line: 1, column: 1 };
    }
  }
  return document.valuePositionOf(spanPath) ?? { line: 1, column: 1 };
}

/** A typed-deserialization failure in one file, as the CLI prints it. */
export function fileIssueError(file: string, document: TomlDocument, found: ConfigSchemaIssue): ConfigLoadError {
  return fileError(
    file,
    issuePosition(document, found.spanPath),
    found.textMessage,
    found.keyPath.join("."),
    formatValueIssue(found),
  );
}
