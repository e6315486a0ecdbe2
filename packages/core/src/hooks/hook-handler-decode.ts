import {
  duplicateField,
  invalidLength,
  invalidType,
  invalidValue,
  missingField,
  unknownVariant,
} from "../serde/serde-error.ts";
import { HANDLER_VARIANTS, type HashJson, type HookHandlerConfig } from "./hook-config.ts";
import { type Content, unexpectedContent } from "./hook-content.ts";
import { formatRyuF64 } from "./ryu-format.ts";

/** A decoded value or serde's error message (positionless, as from `ContentDeserializer`). */
export type Decoded<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

type Handler = HookHandlerConfig;
type FieldReader = (content: Content) => Decoded<unknown>;
interface Field {
  readonly name: string;
  readonly aliases: readonly string[];
  readonly read: FieldReader;
  /** The value when the field is absent; undefined for required fields. */
  readonly fallback: unknown;
}

const I64_MAX = 9223372036854775807n;
const NUMBER_TOKEN = "$serde_json::private::Number";
const TOML_INPUT_ERROR = "MCP hook input must be representable as TOML";

function field(name: string, read: FieldReader, fallback?: unknown, aliases: readonly string[] = []): Field {
  return { name, aliases, read, fallback };
}

const ok = <T>(value: T): Decoded<T> => ({ ok: true, value });
const fail = (message: string): Decoded<never> => ({ ok: false, message });

function readString(content: Content): Decoded<string> {
  return content.kind === "string" ? ok(content.value) : fail(invalidType(unexpectedContent(content), "a string"));
}

function readUnsigned(expecting: "u64" | "usize"): FieldReader {
  return (content) => {
    if (content.kind !== "int") return fail(invalidType(unexpectedContent(content), expecting));
    return content.value >= 0n ? ok(content.value) : fail(invalidValue(`integer \`${content.value}\``, expecting));
  };
}

function readBool(content: Content): Decoded<boolean> {
  return content.kind === "bool" ? ok(content.value) : fail(invalidType(unexpectedContent(content), "a boolean"));
}

function optional(read: FieldReader): FieldReader {
  return (content) => (content.kind === "null" ? ok(null) : read(content));
}

/** `input`: a JSON object that must survive `toml::Value::try_from` (no null, no u64 above i64). */
function readInput(content: Content): Decoded<{ [key: string]: HashJson }> {
  if (content.kind !== "map") return fail(invalidType(unexpectedContent(content), "a map"));
  const converted = toHashJson(content);
  return converted === undefined ? fail(TOML_INPUT_ERROR) : ok(converted as { [key: string]: HashJson });
}

function toHashJson(content: Content): HashJson | undefined {
  switch (content.kind) {
    case "null":
      return undefined;
    case "bool":
    case "string":
      return content.value;
    case "int":
      return content.value > I64_MAX ? undefined : { [NUMBER_TOKEN]: content.value.toString() };
    case "number":
      return { [NUMBER_TOKEN]: content.text };
    case "float":
      return Number.isFinite(content.value) ? { [NUMBER_TOKEN]: formatRyuF64(content.value) } : undefined;
    case "seq": {
      const items = content.items.map(toHashJson);
      return items.includes(undefined) ? undefined : (items as HashJson[]);
    }
    case "map": {
      const out: { [key: string]: HashJson } = {};
      for (const [key, item] of content.entries) {
        const value = toHashJson(item);
        if (value === undefined) return undefined;
        Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
      }
      return out;
    }
  }
}

const VARIANT_FIELDS: Record<Handler["type"], readonly Field[]> = {
  command: [
    field("command", readString),
    field("commandWindows", optional(readString), null, ["command_windows"]),
    field("timeout", optional(readUnsigned("u64")), null),
    field("async", readBool, false),
    field("statusMessage", optional(readString), null),
    field("additionalContextLimit", optional(readUnsigned("usize")), null),
  ],
  mcp_tool: [
    field("server", readString),
    field("tool", readString),
    field("input", readInput, {}),
    field("timeout", optional(readUnsigned("u64")), null),
    field("statusMessage", optional(readString), null),
  ],
  prompt: [],
  agent: [],
};

const RUST_VARIANT: Record<Handler["type"], string> = {
  command: "Command",
  mcp_tool: "McpTool",
  prompt: "Prompt",
  agent: "Agent",
};

/** Resolves a `type` tag to a variant, or serde's `unknown variant` message. */
export function identifyHandlerVariant(tag: string): Decoded<Handler["type"]> {
  const found = HANDLER_VARIANTS.find((name) => name === tag);
  return found ? ok(found) : fail(unknownVariant(tag, HANDLER_VARIANTS));
}

/** Reads a handler's fields (everything but the tag) from the buffered content, like serde derive. */
export function decodeHandlerVariant(variant: Handler["type"], content: Content): Decoded<Handler> {
  const fields = VARIANT_FIELDS[variant];
  const values = new Map<string, unknown>();
  if (content.kind === "seq") {
    const label = `struct variant HookHandlerConfig::${RUST_VARIANT[variant]} with ${fields.length} element${fields.length === 1 ? "" : "s"}`;
    for (const [index, spec] of fields.entries()) {
      const item = content.items[index];
      if (item === undefined) {
        if (spec.fallback === undefined) return fail(invalidLength(index, label));
        continue;
      }
      const read = spec.read(item);
      if (!read.ok) return read;
      values.set(spec.name, read.value);
    }
    if (content.items.length > fields.length) {
      const expected = fields.length === 1 ? "1 element in sequence" : `${fields.length} elements in sequence`;
      return fail(invalidLength(content.items.length, expected));
    }
  } else if (content.kind === "map") {
    for (const [key, item] of content.entries) {
      const spec = fields.find((candidate) => candidate.name === key || candidate.aliases.includes(key));
      if (!spec) continue;
      if (values.has(spec.name)) return fail(duplicateField(spec.name));
      const read = spec.read(item);
      if (!read.ok) return read;
      values.set(spec.name, read.value);
    }
  } else {
    return fail(invalidType(unexpectedContent(content), `struct variant HookHandlerConfig::${RUST_VARIANT[variant]}`));
  }
  const out: Record<string, unknown> = { type: variant };
  for (const spec of fields) {
    if (values.has(spec.name)) out[spec.name] = values.get(spec.name);
    else if (spec.fallback === undefined) return fail(missingField(spec.name));
    else out[spec.name] = spec.fallback;
  }
  return ok(out as Handler);
}

/** Reads a whole buffered handler (tag included), as an internally tagged enum from `Content`. */
export function decodeTaggedHandler(content: Content): Decoded<Handler> {
  let tagContent: Content | undefined;
  let rest: Content;
  if (content.kind === "map") {
    const entries: Array<readonly [string, Content]> = [];
    for (const [key, item] of content.entries) {
      if (key !== "type") entries.push([key, item]);
      else if (tagContent !== undefined) return fail(duplicateField("type"));
      else tagContent = item;
    }
    rest = { kind: "map", entries };
  } else if (content.kind === "seq") {
    tagContent = content.items[0];
    rest = { kind: "seq", items: content.items.slice(1) };
  } else {
    return fail(invalidType(unexpectedContent(content), "internally tagged enum HookHandlerConfig"));
  }
  if (tagContent === undefined) return fail(missingField("type"));
  if (tagContent.kind !== "string") return fail(invalidType(unexpectedContent(tagContent), "variant identifier"));
  const variant = identifyHandlerVariant(tagContent.value);
  return variant.ok ? decodeHandlerVariant(variant.value, rest) : variant;
}
