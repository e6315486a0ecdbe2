/**
 * `[otel]` and `[config_server]` (0.169.0-only keys, requirements-spec §1.8). Both are
 * `deny_unknown_fields`; field lists and orders are the ones 0.169.0 prints and reads positionally.
 */
import {
  bool,
  defaulted,
  enumOf,
  type Infer,
  map,
  optional,
  path,
  required,
  type Schema,
  seq,
  string,
  stringEnum,
  struct,
  structVariant,
  u16,
  unitVariant,
  usize,
} from "../serde/index.ts";

const tlsSchema = struct("OtelTlsConfig", {
  "ca-certificate": optional(path()),
  "client-certificate": optional(path()),
  "client-private-key": optional(path()),
});

/** `OtelExporterKind` (kebab-case; struct variants for the OTLP exporters). */
export const otelExporterSchema = enumOf(
  "OtelExporterKind",
  [
    unitVariant("none", { description: "Export nothing." }),
    unitVariant("statsig", { description: "OpenAI's internal Statsig exporter." }),
    structVariant(
      "otlp-http",
      struct(
        "OtelExporterKind::OtlpHttp",
        {
          endpoint: required(string()),
          headers: defaulted(map(string()), () => ({})),
          protocol: required(stringEnum("OtelHttpProtocol", ["binary", "json"])),
          tls: defaulted(optionalTls(), () => undefined),
        },
        { expecting: "struct variant OtelExporterKind::OtlpHttp" },
      ),
      { description: "OTLP over HTTP." },
    ),
    structVariant(
      "otlp-grpc",
      struct(
        "OtelExporterKind::OtlpGrpc",
        {
          endpoint: required(string()),
          headers: defaulted(map(string()), () => ({})),
          tls: defaulted(optionalTls(), () => undefined),
        },
        { expecting: "struct variant OtelExporterKind::OtlpGrpc" },
      ),
      { description: "OTLP over gRPC." },
    ),
  ],
  { description: "Which OpenTelemetry exporter to use." },
);

// `#[serde(default)] tls: Option<OtelTlsConfig>`: absent (even positionally) means `None`.
function optionalTls(): Schema<Infer<typeof tlsSchema> | undefined> {
  return tlsSchema;
}

/** `OtelRequirementsToml` (11 fields, `deny_unknown_fields`). */
export const otelRequirementsSchema = struct(
  "OtelRequirementsToml",
  {
    tool_result: optional(
      struct(
        "ToolResultLogConfig",
        { max_bytes: defaulted(usize(), () => 2048) },
        { description: "Tool result logging." },
      ),
    ),
    log_sse_deltas: optional(bool()),
    log_user_prompt: optional(bool()),
    log_agent_responses: optional(bool()),
    log_guardian_assessments: optional(bool()),
    environment: optional(string(), { description: "Environment tag on exported telemetry." }),
    exporter: optional(otelExporterSchema, { description: "Log exporter." }),
    trace_exporter: optional(otelExporterSchema, { description: "Trace exporter." }),
    metrics_exporter: optional(otelExporterSchema, { description: "Metrics exporter." }),
    span_attributes: optional(map(string()), { description: "Attributes added to every span." }),
    tracestate: optional(map(map(string())), { description: "W3C tracestate members to upsert." }),
  },
  { denyUnknownFields: true, description: "Managed OpenTelemetry settings (0.169.0)." },
);
/** The parsed `[otel]` table. */
export type OtelRequirementsToml = Infer<typeof otelRequirementsSchema>;

const oauthSchema = struct(
  "OAuthSessionConfig",
  {
    authorization_url: required(string()),
    token_url: required(string()),
    device_authorization_url: optional(string()),
    client_id: required(string()),
    resource: optional(string()),
    scopes: optional(seq(string())),
    redirect_port: optional(u16()),
  },
  { denyUnknownFields: true, description: "OAuth client settings for the config server." },
);

/** `ConfigServerInput` (local managed requirements only). */
export const configServerSchema = struct(
  "ConfigServerInput",
  {
    base_url: required(string(), { description: "HTTPS URL without query, userinfo or fragment." }),
    oauth: optional(oauthSchema),
  },
  {
    denyUnknownFields: true,
    description: "Remote config server (`config_server may only be configured in local managed requirements`).",
  },
);
/** The parsed `[config_server]` table. */
export type ConfigServerInput = Infer<typeof configServerSchema>;
