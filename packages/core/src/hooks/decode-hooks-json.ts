import { duplicateField, missingField, unknownField, unknownVariant } from "../serde/serde-error.ts";
import {
  HANDLER_VARIANTS,
  type HookEventsConfig,
  type HookHandlerConfig,
  type MatcherGroupConfig,
} from "./hook-config.ts";
import type { Content } from "./hook-content.ts";
import { HOOK_EVENTS } from "./hook-event.ts";
import { decodeHandlerVariant, identifyHandlerVariant } from "./hook-handler-decode.ts";
import { SerdeJsonError } from "./serde-json-cursor.ts";
import { attempt, SerdeJsonReader } from "./serde-json-reader.ts";

/** A `hooks.json` decode: its events, or serde_json's error text (`… at line L column C`). */
export type HooksJsonDecode =
  | { readonly ok: true; readonly events: HookEventsConfig }
  | { readonly ok: false; readonly error: string };

type Read<T> = (reader: SerdeJsonReader) => T;
interface StructField {
  readonly name: string;
  readonly read: Read<unknown>;
}

/**
 * Decodes a `hooks.json` text exactly as `serde_json::from_str::<HooksFile>` does in Codex 0.169.0
 * (`discovery.rs` `load_hooks_json`): the same accepted shapes and the same error text and
 * position for the first problem (probed: hooks-json-decode.test.ts).
 */
export function decodeHooksJson(text: string): HooksJsonDecode {
  const reader = new SerdeJsonReader(text);
  try {
    const file = readStruct(reader, "struct HooksFile", HOOKS_FILE_FIELDS, true);
    reader.end();
    return { ok: true, events: (file.get("hooks") as HookEventsConfig | undefined) ?? new Map() };
  } catch (error) {
    if (error instanceof SerdeJsonError) return { ok: false, error: error.toString() };
    throw error;
  }
}

/** `deserialize_struct` for a derive struct whose fields all have defaults. */
function readStruct(
  reader: SerdeJsonReader,
  expecting: string,
  fields: readonly StructField[],
  denyUnknown: boolean,
): Map<string, unknown> {
  const peek = reader.parseWhitespace();
  if (peek === null) throw reader.peekError("EOF while parsing a value");
  const values = new Map<string, unknown>();
  try {
    if (peek !== 0x7b && peek !== 0x5b) reader.rejectValue(peek, expecting);
    return reader.nested(() => {
      reader.eat();
      const state = { first: true };
      const result = attempt(() => {
        if (peek === 0x5b) {
          for (const spec of fields) {
            if (!reader.nextElement(state)) break;
            values.set(spec.name, spec.read(reader));
          }
          return;
        }
        for (let key = reader.nextKey(state); key !== null; key = reader.nextKey(state)) {
          const spec = fields.find((candidate) => candidate.name === key);
          if (!spec) {
            if (denyUnknown)
              throw new SerdeJsonError(
                unknownField(
                  key,
                  fields.map((f) => f.name),
                ),
              );
            reader.parseObjectColon();
            reader.readContent();
            continue;
          }
          if (values.has(spec.name)) throw new SerdeJsonError(duplicateField(spec.name));
          reader.parseObjectColon();
          values.set(spec.name, spec.read(reader));
        }
      });
      reader.finish(result, peek === 0x5b ? () => reader.endSeq() : () => reader.endMap());
      return values;
    });
  } catch (error) {
    throw reader.fix(error);
  }
}

/** `deserialize_seq` into a `Vec<T>`. */
function readSeq<T>(read: Read<T>): Read<T[]> {
  return (reader) => {
    const peek = reader.parseWhitespace();
    if (peek === null) throw reader.peekError("EOF while parsing a value");
    try {
      if (peek !== 0x5b) reader.rejectValue(peek, "a sequence");
      return reader.nested(() => {
        reader.eat();
        const items: T[] = [];
        const state = { first: true };
        const result = attempt(() => {
          while (reader.nextElement(state)) items.push(read(reader));
        });
        reader.finish(result, () => reader.endSeq());
        return items;
      });
    } catch (error) {
      throw reader.fix(error);
    }
  };
}

/** `deserialize_string`. */
function readString(reader: SerdeJsonReader): string {
  const peek = reader.parseWhitespace();
  if (peek === null) throw reader.peekError("EOF while parsing a value");
  if (peek !== 0x22) reader.rejectValue(peek, "a string");
  reader.eat();
  return reader.parseString();
}

/** `deserialize_option` around a string. */
function readOptionalString(reader: SerdeJsonReader): string | null {
  if (reader.parseWhitespace() !== 0x6e) return readString(reader);
  reader.eat();
  reader.parseIdent("ull");
  return null;
}

/** The `type` tag, read as a variant identifier straight from the text. */
function readVariant(reader: SerdeJsonReader): HookHandlerConfig["type"] {
  const peek = reader.parseWhitespace();
  if (peek === null) throw reader.peekError("EOF while parsing a value");
  if (peek !== 0x22) reader.rejectValue(peek, "variant identifier");
  reader.eat();
  const name = reader.parseString();
  const variant = identifyHandlerVariant(name);
  if (!variant.ok) throw reader.error(unknownVariant(name, HANDLER_VARIANTS));
  return variant.value;
}

/** An internally tagged `HookHandlerConfig`: tag read first, the rest buffered as `Content`. */
function readHandler(reader: SerdeJsonReader): HookHandlerConfig {
  const peek = reader.parseWhitespace();
  if (peek === null) throw reader.peekError("EOF while parsing a value");
  const tag: { variant: HookHandlerConfig["type"] | null } = { variant: null };
  let rest: Content;
  try {
    if (peek !== 0x7b && peek !== 0x5b) reader.rejectValue(peek, "internally tagged enum HookHandlerConfig");
    rest = reader.nested(() => {
      reader.eat();
      const state = { first: true };
      const items: Content[] = [];
      const entries: Array<[string, Content]> = [];
      const result = attempt(() => {
        if (peek === 0x5b) {
          if (!reader.nextElement(state)) throw new SerdeJsonError(missingField("type"));
          tag.variant = readVariant(reader);
          while (reader.nextElement(state)) items.push(reader.readContent());
          return;
        }
        for (let key = reader.nextKey(state); key !== null; key = reader.nextKey(state)) {
          if (key === "type" && tag.variant !== null) throw new SerdeJsonError(duplicateField("type"));
          reader.parseObjectColon();
          if (key === "type") tag.variant = readVariant(reader);
          else entries.push([key, reader.readContent()]);
        }
        if (tag.variant === null) throw new SerdeJsonError(missingField("type"));
      });
      reader.finish(result, peek === 0x5b ? () => reader.endSeq() : () => reader.endMap());
      return peek === 0x5b ? { kind: "seq", items } : { kind: "map", entries };
    });
  } catch (error) {
    throw reader.fix(error);
  }
  // The variant is built from the buffer after the object is consumed; its errors carry no
  // position until the enclosing array positions them (probed: `missing field` columns).
  const decoded = decodeHandlerVariant(tag.variant ?? "command", rest);
  if (!decoded.ok) throw new SerdeJsonError(decoded.message);
  return decoded.value;
}

const MATCHER_GROUP_FIELDS: readonly StructField[] = [
  { name: "matcher", read: readOptionalString },
  { name: "hooks", read: readSeq(readHandler) },
];

function readMatcherGroup(reader: SerdeJsonReader): MatcherGroupConfig {
  const values = readStruct(reader, "struct MatcherGroup", MATCHER_GROUP_FIELDS, false);
  return {
    matcher: (values.get("matcher") as string | null | undefined) ?? null,
    hooks: (values.get("hooks") as HookHandlerConfig[] | undefined) ?? [],
  };
}

const EVENT_FIELDS: readonly StructField[] = HOOK_EVENTS.map((event) => ({
  name: event.configName,
  read: readSeq(readMatcherGroup),
}));

const HOOKS_FILE_FIELDS: readonly StructField[] = [
  { name: "description", read: readOptionalString },
  {
    name: "hooks",
    read: (reader) => readStruct(reader, "struct HookEventsToml", EVENT_FIELDS, false) as HookEventsConfig,
  },
];
