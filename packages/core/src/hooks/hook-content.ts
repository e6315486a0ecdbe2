import { rustDebugString, serdeFloatDisplay, tomlDateTimeDisplay } from "../serde/rust-display.ts";
import { isTable, TomlDateTime, type TomlValue } from "../toml/toml-value.ts";

/**
 * A value buffered the way serde's `Content` holds it while Codex reads an internally tagged
 * `HookHandlerConfig`. JSON numbers follow serde_json's `arbitrary_precision` parser (which
 * Codex 0.169.0 is built with): integers that fit `u64`/`i64` stay integers, every other number
 * keeps its text and behaves like a map (probed: `"timeout": 1.5` fails with `invalid type: map`).
 */
export type Content =
  | { readonly kind: "null" }
  | { readonly kind: "bool"; readonly value: boolean }
  | { readonly kind: "int"; readonly value: bigint }
  | { readonly kind: "number"; readonly text: string }
  | { readonly kind: "float"; readonly value: number }
  | { readonly kind: "string"; readonly value: string }
  | { readonly kind: "seq"; readonly items: readonly Content[] }
  | { readonly kind: "map"; readonly entries: ReadonlyArray<readonly [string, Content]> };

/** serde_json's `Unexpected` text for a buffered value (`null`, ``integer `5` ``, `map`, …). */
export function unexpectedContent(content: Content): string {
  switch (content.kind) {
    case "null":
      return "null";
    case "bool":
      return `boolean \`${content.value}\``;
    case "int":
      return `integer \`${content.value}\``;
    case "float":
      return `floating point \`${serdeFloatDisplay(content.value)}\``;
    case "string":
      return `string ${rustDebugString(content.value)}`;
    case "seq":
      return "sequence";
    case "number":
    case "map":
      return "map";
  }
}

/** Converts a TOML value (a layer's or the requirements' `[hooks]`) to the buffered form. */
export function contentFromToml(value: TomlValue): Content {
  if (typeof value === "string") return { kind: "string", value };
  if (typeof value === "bigint") return { kind: "int", value };
  if (typeof value === "number") return { kind: "float", value };
  if (typeof value === "boolean") return { kind: "bool", value };
  if (value instanceof TomlDateTime) return { kind: "string", value: tomlDateTimeDisplay(value) };
  if (Array.isArray(value)) return { kind: "seq", items: value.map(contentFromToml) };
  if (isTable(value)) {
    return { kind: "map", entries: Object.entries(value).map(([key, item]) => [key, contentFromToml(item)] as const) };
  }
  return { kind: "null" };
}
