import { sha256Hex } from "../audit-chain/sha256.ts";
import type { HashJson } from "./hook-config.ts";

/**
 * Codex's hook trust hash (`currentHash`), byte-exact with 0.169.0.
 *
 * discovery.rs `hook_hash` builds `NormalizedHookIdentity { event_name, #[serde(flatten)] group }`
 * where the group keeps the (event-filtered) matcher and exactly one normalized handler, converts
 * it with `toml::Value::try_from` (so `None` fields vanish), then `version_for_toml`
 * (config/src/fingerprint.rs): `serde_json::to_value`, recursively key-sorted `canonical_json`,
 * compact `serde_json::to_vec`, SHA-256, lower-case hex, prefixed `sha256:`.
 */

/** Compact JSON with object keys sorted by their UTF-8 bytes (serde_json's `Map` order). */
export function canonicalJson(value: HashJson): string {
  if (value === null) return "null";
  if (typeof value === "bigint") return value.toString();
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "string") return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  const object = value as { readonly [key: string]: HashJson };
  const keys = Object.keys(object).sort(compareUtf8);
  return `{${keys.map((key) => `${JSON.stringify(key)}:${canonicalJson(object[key]!)}`).join(",")}}`;
}

const ENCODER = new TextEncoder();

function compareUtf8(a: string, b: string): number {
  const x = ENCODER.encode(a);
  const y = ENCODER.encode(b);
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
  return x.length - y.length;
}

/** `sha256:` + hex SHA-256 of the canonical JSON of `value` (`version_for_toml`). */
export function versionForJson(value: HashJson): string {
  return `sha256:${sha256Hex(canonicalJson(value))}`;
}

/** The normalized handler as it is hashed: a command or MCP tool handler after discovery's rules. */
export type NormalizedHandler =
  | {
      readonly type: "command";
      readonly command: string;
      readonly timeout: bigint;
      readonly async: boolean;
      readonly statusMessage: string | null;
      readonly additionalContextLimit: bigint | null;
    }
  | {
      readonly type: "mcp_tool";
      readonly server: string;
      readonly tool: string;
      readonly input: { readonly [key: string]: HashJson };
      readonly timeout: bigint;
      readonly statusMessage: string | null;
    };

function handlerJson(handler: NormalizedHandler): { [key: string]: HashJson } {
  const out: { [key: string]: HashJson } =
    handler.type === "command"
      ? { type: "command", command: handler.command, timeout: handler.timeout, async: handler.async }
      : {
          type: "mcp_tool",
          server: handler.server,
          tool: handler.tool,
          input: handler.input,
          timeout: handler.timeout,
        };
  if (handler.statusMessage !== null) out.statusMessage = handler.statusMessage;
  if (handler.type === "command" && handler.additionalContextLimit !== null) {
    out.additionalContextLimit = handler.additionalContextLimit;
  }
  return out;
}

/** The trust hash of one handler: `keyLabel` is the snake_case event label, `matcher` the filtered matcher. */
export function hookIdentityHash(keyLabel: string, matcher: string | null, handler: NormalizedHandler): string {
  const identity: { [key: string]: HashJson } = { event_name: keyLabel, hooks: [handlerJson(handler)] };
  if (matcher !== null) identity.matcher = matcher;
  return versionForJson(identity);
}
