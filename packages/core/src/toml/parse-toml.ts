import { type AST, parseTOML } from "toml-eslint-parser";
import { fastParseToml } from "./fast-toml.ts";
import { type KeyPath, TomlDateTime, type TomlTable, type TomlValue } from "./toml-value.ts";

/** A 1-based line and column in a source file. */
export interface SourcePosition {
  line: number;
  column: number;
}

/** Where each key and value of a document is written, by path (see `pathKey`). */
interface PositionMaps {
  readonly keys: ReadonlyMap<string, SourcePosition>;
  readonly values: ReadonlyMap<string, SourcePosition>;
}

/** A parsed TOML file: its value and the position of every key and value in it. */
export class TomlDocument {
  private maps: PositionMaps | null = null;

  constructor(
    readonly value: TomlTable,
    /** The positions, built on first use: only diagnostics need them. */
    private readonly positions: () => PositionMaps,
    /** True when the text parses only as TOML 1.1 (newer syntax older Codex builds reject). */
    readonly requiresToml11: boolean,
  ) {}

  /** Where the key at `path` is written, else where its nearest written ancestor is. */
  positionOf(path: KeyPath): SourcePosition | undefined {
    this.maps ??= this.positions();
    for (let end = path.length; end > 0; end--) {
      const key = pathKey(path.slice(0, end));
      const found = this.maps.keys.get(key) ?? this.maps.values.get(key);
      if (found) return found;
    }
    return undefined;
  }

  /** Where the value at `path` starts, else the key position. */
  valuePositionOf(path: KeyPath): SourcePosition | undefined {
    this.maps ??= this.positions();
    return this.maps.values.get(pathKey(path)) ?? this.positionOf(path);
  }
}

/** A TOML syntax error with its 1-based position. */
export interface TomlSyntaxError {
  message: string;
  line: number;
  column: number;
}

/** The result of parsing TOML text: a document or the first syntax error. */
export type TomlParseResult = { ok: true; document: TomlDocument } | { ok: false; error: TomlSyntaxError };

/**
 * Parses TOML text (TOML 1.0, falling back to 1.1) into values with source positions. The common
 * subset goes through fast-toml.ts, which yields the same values; its positions come from the
 * full parser when first asked for.
 */
export function parseToml(text: string): TomlParseResult {
  const source = text.startsWith("\uFEFF") ? text.slice(1) : text;
  const fast = fastParseToml(source);
  if (fast !== null) {
    const positions = () => {
      const full = parseFully(source);
      if (!full.ok) throw new Error("fast-toml accepted a document the full parser rejects");
      return full.positions;
    };
    return { ok: true, document: new TomlDocument(fast, positions, false) };
  }
  const full = parseFully(source);
  if (!full.ok) return full;
  return { ok: true, document: new TomlDocument(full.value, () => full.positions, full.requiresToml11) };
}

/** The full parser: toml-eslint-parser, TOML 1.0 then 1.1, with every key's and value's position. */
export function parseFully(
  source: string,
):
  | { ok: true; value: TomlTable; positions: PositionMaps; requiresToml11: boolean }
  | { ok: false; error: TomlSyntaxError } {
  let ast: AST.TOMLProgram;
  let requiresToml11 = false;
  try {
    ast = parseTOML(source, { tomlVersion: "1.0" });
  } catch (error10) {
    try {
      ast = parseTOML(source, { tomlVersion: "1.1" });
      requiresToml11 = true;
    } catch {
      return { ok: false, error: toSyntaxError(error10) };
    }
  }
  const builder = new DocumentBuilder();
  const top = ast.body[0];
  if (top) builder.addTopLevel(top);
  return {
    ok: true,
    value: builder.root,
    positions: { keys: builder.keys, values: builder.values },
    requiresToml11,
  };
}

function toSyntaxError(error: unknown): TomlSyntaxError {
  // The parser recurses per token; a pathological document can exhaust the stack.
  if (error instanceof RangeError)
    return { message: "document is too large or too deeply nested to parse", line: 1, column: 1 };
  const e = error as { message?: string; lineNumber?: number; column?: number };
  return { message: String(e.message ?? error), line: e.lineNumber ?? 1, column: (e.column ?? 0) + 1 };
}

/** JSON key of a path, for the position maps. */
function pathKey(path: KeyPath): string {
  return JSON.stringify(path);
}

function position(node: AST.TOMLNode): SourcePosition {
  return { line: node.loc.start.line, column: node.loc.start.column + 1 };
}

class DocumentBuilder {
  readonly root: TomlTable = {};
  readonly keys = new Map<string, SourcePosition>();
  readonly values = new Map<string, SourcePosition>();

  addTopLevel(top: AST.TOMLTopLevelTable): void {
    for (const item of top.body) {
      if (item.type === "TOMLKeyValue") this.addKeyValue(this.root, [], item);
      else this.addTableHeader(item);
    }
  }

  private addTableHeader(table: AST.TOMLTable): void {
    const resolved = table.resolvedKey;
    let current: TomlTable = this.root;
    const path: (string | number)[] = [];
    for (let i = 0; i < resolved.length; i++) {
      const segment = resolved[i]!;
      if (typeof segment === "number") {
        const array = current as unknown as TomlValue[];
        if (array[segment] === undefined) array[segment] = {};
        current = array[segment] as TomlTable;
        path.push(segment);
        continue;
      }
      path.push(segment);
      const nextIsIndex = typeof resolved[i + 1] === "number";
      if (current[segment] === undefined) current[segment] = nextIsIndex ? [] : {};
      current = current[segment] as TomlTable;
      const keyNode = table.key.keys[Math.min(i - countIndexes(resolved, i), table.key.keys.length - 1)];
      if (keyNode && !this.keys.has(pathKey(path))) this.keys.set(pathKey(path), position(keyNode));
    }
    this.keys.set(pathKey(path), position(table));
    for (const item of table.body) this.addKeyValue(current, path, item);
  }

  private addKeyValue(table: TomlTable, basePath: KeyPath, item: AST.TOMLKeyValue): void {
    const names = item.key.keys.map(keyName);
    let current = table;
    const path = [...basePath];
    names.forEach((name, index) => {
      path.push(name);
      if (!this.keys.has(pathKey(path))) this.keys.set(pathKey(path), position(item.key.keys[index]!));
      if (index < names.length - 1) {
        if (current[name] === undefined) current[name] = {};
        current = current[name] as TomlTable;
      }
    });
    current[names[names.length - 1]!] = this.convert(item.value, path);
  }

  private convert(node: AST.TOMLContentNode, path: KeyPath): TomlValue {
    this.values.set(pathKey(path), position(node));
    switch (node.type) {
      case "TOMLArray":
        return node.elements.map((element, index) => this.convert(element, [...path, index]));
      case "TOMLInlineTable": {
        const out: TomlTable = {};
        for (const item of node.body) this.addKeyValue(out, path, item);
        return out;
      }
      case "TOMLValue":
        return scalar(node);
    }
  }
}

function countIndexes(resolved: ReadonlyArray<string | number>, upTo: number): number {
  let count = 0;
  for (let i = 0; i < upTo; i++) if (typeof resolved[i] === "number") count++;
  return count;
}

function keyName(key: AST.TOMLBare | AST.TOMLQuoted): string {
  return key.type === "TOMLBare" ? key.name : key.value;
}

function scalar(node: AST.TOMLValue): TomlValue {
  switch (node.kind) {
    case "integer":
      return node.bigint;
    case "float":
      return node.value as number;
    case "boolean":
      return node.value;
    case "string":
      return node.value;
    case "offset-date-time":
    case "local-date-time":
    case "local-date":
    case "local-time":
      return new TomlDateTime(node.datetime, node.kind);
  }
}
