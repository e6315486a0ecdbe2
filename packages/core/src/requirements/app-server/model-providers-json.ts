/**
 * `[model_providers.<id>]` requirements → `ConfigRequirements.modelProviders` (observed on
 * 0.169.0).
 *
 * Unlike the rest of the object, each provider is Codex's full `ModelProviderInfo` in snake_case
 * with every default filled in. Codex keeps the provider map and the three header/param maps in
 * Rust `HashMap`s, so their key order changes from run to run; Warden prints them sorted, and
 * comparisons with Codex output must ignore the order of those four maps.
 */
import { isTable, type TomlTable } from "../../toml/toml-value.ts";
import { resolveCodexPath } from "./codex-paths.ts";
import { boolAt, compareCodePoints, integerAt, sortedMapAt, stringAt, stringsAt, tableAt } from "./toml-access.ts";

/** Paths a provider's `auth.cwd` is resolved with. */
export interface ProviderPathContext {
  baseDir: string;
  homeDir?: string;
  /** Codex's working directory: the default `auth.cwd`. */
  cwd: string;
}

/** The `modelProviders` object (sorted by id), or null when the table is absent or empty. */
export function toModelProvidersJson(
  providers: TomlTable | undefined,
  context: ProviderPathContext,
): Record<string, unknown> | null {
  if (!providers || Object.keys(providers).length === 0) return null;
  const out: Record<string, unknown> = {};
  for (const id of Object.keys(providers).sort(compareCodePoints)) {
    const provider = providers[id];
    out[id] = providerJson(isTable(provider) ? provider : {}, context);
  }
  return out;
}

function providerJson(p: TomlTable, context: ProviderPathContext): Record<string, unknown> {
  const auth = tableAt(p, "auth");
  const capabilities = tableAt(p, "capabilities");
  const strings = (map: string) => sortedMapAt(p, map, String);
  return {
    name: stringAt(p, "name") ?? "",
    base_url: stringAt(p, "base_url"),
    model_catalog_url: stringAt(p, "model_catalog_url"),
    env_key: stringAt(p, "env_key"),
    env_key_instructions: stringAt(p, "env_key_instructions"),
    experimental_bearer_token: stringAt(p, "experimental_bearer_token"),
    auth: auth
      ? {
          command: stringAt(auth, "command"),
          args: stringsAt(auth, "args") ?? [],
          timeout_ms: integerAt(auth, "timeout_ms") ?? 5000,
          refresh_interval_ms: integerAt(auth, "refresh_interval_ms") ?? 300000,
          cwd: resolveCodexPath(stringAt(auth, "cwd") ?? context.cwd, context.baseDir, context.homeDir),
        }
      : null,
    gateway_oauth: gatewayOAuthJson(tableAt(p, "gateway_oauth")),
    aws: awsJson(tableAt(p, "aws")),
    project_id: stringAt(p, "project_id"),
    location: stringAt(p, "location"),
    credential_file: stringAt(p, "credential_file"),
    wire_api: stringAt(p, "wire_api") ?? "responses",
    capabilities: capabilities
      ? {
          cyber_access_programs: boolAt(capabilities, "cyber_access_programs"),
          external_web_access: boolAt(capabilities, "external_web_access"),
          remote_compaction: boolAt(capabilities, "remote_compaction"),
        }
      : null,
    query_params: strings("query_params"),
    http_headers: strings("http_headers"),
    env_http_headers: strings("env_http_headers"),
    request_max_retries: integerAt(p, "request_max_retries"),
    stream_max_retries: integerAt(p, "stream_max_retries"),
    stream_idle_timeout_ms: integerAt(p, "stream_idle_timeout_ms"),
    websocket_connect_timeout_ms: integerAt(p, "websocket_connect_timeout_ms"),
    requires_openai_auth: boolAt(p, "requires_openai_auth") ?? false,
    supports_websockets: boolAt(p, "supports_websockets") ?? false,
    supports_standalone_web_search: boolAt(p, "supports_standalone_web_search") ?? false,
  };
}

function commandJson(table: TomlTable | undefined, defaultTimeoutMs: number): Record<string, unknown> | null {
  if (!table) return null;
  return {
    command: stringAt(table, "command"),
    args: stringsAt(table, "args") ?? [],
    timeout_ms: integerAt(table, "timeout_ms") ?? defaultTimeoutMs,
  };
}

function awsJson(aws: TomlTable | undefined): Record<string, unknown> | null {
  if (!aws) return null;
  return {
    profile: stringAt(aws, "profile"),
    region: stringAt(aws, "region"),
    credential_export: commandJson(tableAt(aws, "credential_export"), 30000),
    auth_refresh: commandJson(tableAt(aws, "auth_refresh"), 300000),
  };
}

// Two shapes: a credential-export command, or OAuth settings. `device_authorization_url` and
// `credentials_store` are omitted when unset; `delivery` defaults to an Authorization header.
function gatewayOAuthJson(oauth: TomlTable | undefined): Record<string, unknown> | null {
  if (!oauth) return null;
  const delivery = deliveryJson(tableAt(oauth, "delivery"));
  const credentialExport = tableAt(oauth, "credential_export");
  if (credentialExport) return { credential_export: commandJson(credentialExport, 30000), delivery };
  const out: Record<string, unknown> = { authorization_url: stringAt(oauth, "authorization_url") };
  const deviceUrl = stringAt(oauth, "device_authorization_url");
  if (deviceUrl !== null) out.device_authorization_url = deviceUrl;
  out.token_url = stringAt(oauth, "token_url");
  out.client_id = stringAt(oauth, "client_id");
  out.resource = stringAt(oauth, "resource");
  out.scopes = stringsAt(oauth, "scopes") ?? [];
  out.redirect_port = integerAt(oauth, "redirect_port");
  const store = stringAt(oauth, "credentials_store");
  if (store !== null) out.credentials_store = store;
  out.delivery = delivery;
  return out;
}

function deliveryJson(delivery: TomlTable | undefined): Record<string, unknown> {
  if (delivery && stringAt(delivery, "kind") === "cookie") return { kind: "cookie", name: stringAt(delivery, "name") };
  return {
    kind: "header",
    name: stringAt(delivery, "name") ?? "Authorization",
    scheme: stringAt(delivery, "scheme") ?? "Bearer",
  };
}
