/**
 * `[otel]` requirements → `ConfigRequirements.otel` (observed on 0.169.0).
 *
 * The object keeps Codex's snake_case field names, exporter tables keep their kebab-case
 * variant and TLS names, exporter header values are replaced by `[redacted]`, and TLS paths are
 * resolved like other requirement paths (plain strings, not URLs). `headers` and
 * `span_attributes` are Rust `HashMap`s (random order in Codex; sorted here); `tracestate` is
 * ordered at both levels.
 */
import type { TomlTable, TomlValue } from "../../toml/toml-value.ts";
import { resolveCodexPath } from "./codex-paths.ts";
import { boolAt, integerAt, sortedMap, sortedMapAt, stringAt, tableAt } from "./toml-access.ts";

/** Paths TLS files are resolved with. */
export interface OtelPathContext {
  baseDir: string;
  homeDir?: string;
}

const OTEL_FIELDS = [
  "tool_result",
  "log_sse_deltas",
  "log_user_prompt",
  "log_agent_responses",
  "log_guardian_assessments",
  "environment",
  "exporter",
  "trace_exporter",
  "metrics_exporter",
  "span_attributes",
  "tracestate",
] as const;

/** The `otel` object, or null when `[otel]` sets none of its fields. */
export function toOtelJson(otel: TomlTable | undefined, context: OtelPathContext): Record<string, unknown> | null {
  if (!otel || !OTEL_FIELDS.some((field) => otel[field] !== undefined)) return null;
  const toolResult = tableAt(otel, "tool_result");
  return {
    tool_result: toolResult ? { max_bytes: integerAt(toolResult, "max_bytes") ?? 2048 } : null,
    log_sse_deltas: boolAt(otel, "log_sse_deltas"),
    log_user_prompt: boolAt(otel, "log_user_prompt"),
    log_agent_responses: boolAt(otel, "log_agent_responses"),
    log_guardian_assessments: boolAt(otel, "log_guardian_assessments"),
    environment: stringAt(otel, "environment"),
    exporter: exporterJson(otel.exporter, context),
    trace_exporter: exporterJson(otel.trace_exporter, context),
    metrics_exporter: exporterJson(otel.metrics_exporter, context),
    span_attributes: sortedMapAt(otel, "span_attributes", String),
    tracestate: sortedMapAt(otel, "tracestate", (entry) =>
      typeof entry === "object" ? sortedMap(entry as TomlTable, String) : null,
    ),
  };
}

// `"none"` / `"statsig"` print as strings; `{ otlp-http = {…} }` / `{ otlp-grpc = {…} }` as objects.
function exporterJson(exporter: TomlValue | undefined, context: OtelPathContext): unknown {
  if (exporter === undefined) return null;
  if (typeof exporter === "string") return exporter;
  const table = exporter as TomlTable;
  const http = tableAt(table, "otlp-http");
  if (http) {
    return {
      "otlp-http": {
        endpoint: stringAt(http, "endpoint"),
        headers: redactedHeaders(http),
        protocol: stringAt(http, "protocol"),
        tls: tlsJson(tableAt(http, "tls"), context),
      },
    };
  }
  const grpc = tableAt(table, "otlp-grpc") ?? {};
  return {
    "otlp-grpc": {
      endpoint: stringAt(grpc, "endpoint"),
      headers: redactedHeaders(grpc),
      tls: tlsJson(tableAt(grpc, "tls"), context),
    },
  };
}

function redactedHeaders(exporter: TomlTable): Record<string, unknown> {
  return sortedMapAt(exporter, "headers", () => "[redacted]") ?? {};
}

function tlsJson(tls: TomlTable | undefined, context: OtelPathContext): Record<string, unknown> | null {
  if (!tls) return null;
  const path = (key: string) => {
    const value = stringAt(tls, key);
    return value === null ? null : resolveCodexPath(value, context.baseDir, context.homeDir);
  };
  return {
    "ca-certificate": path("ca-certificate"),
    "client-certificate": path("client-certificate"),
    "client-private-key": path("client-private-key"),
  };
}
