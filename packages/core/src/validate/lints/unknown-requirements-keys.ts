import { CONFIG_TOML_KEYS } from "../../config/known-config-keys.ts";
import { buildRequirementsJsonSchema } from "../../requirements/requirements-json-schema.ts";
import { isTable, type KeyPath, type TomlValue } from "../../toml/toml-value.ts";
import { type Finding, formatKeyPath } from "../diagnostic-at.ts";
import { closestKey } from "./closest-key.ts";
import type { Lint } from "./lint.ts";

type Node = Record<string, unknown>;

let rootSchema: Node | null = null;

/** config.toml keys admins put in requirements.toml by mistake, and what enforces them there. */
const REQUIREMENT_FOR_CONFIG_KEY: Readonly<Record<string, string>> = {
  approval_policy: "allowed_approval_policies",
  approvals_reviewer: "allowed_approvals_reviewers",
  sandbox_mode: "allowed_sandbox_modes",
  web_search: "allowed_web_search_modes",
};

function resolve(schema: unknown): Node {
  let node = (schema ?? {}) as Node;
  for (let guard = 0; typeof node.$ref === "string" && guard < 32; guard++) {
    const defs = (rootSchema?.$defs ?? {}) as Record<string, Node>;
    node = defs[node.$ref.replace("#/$defs/", "")] ?? {};
  }
  return node;
}

function variantsOf(schema: Node): Node[] {
  const list = (schema.oneOf ?? schema.anyOf) as unknown[] | undefined;
  return list ? list.flatMap((variant) => variantsOf(resolve(variant))) : [schema];
}

function tagMatches(property: unknown, value: TomlValue | undefined): boolean {
  const node = resolve(property);
  const allowed = Array.isArray(node.enum) ? node.enum : "const" in node ? [node.const] : null;
  return allowed?.includes(value) === true;
}

// The object variants a table can be: those whose tag (an enum/const property) it carries, else all.
function objectVariants(schema: Node, table: Record<string, TomlValue>): Node[] {
  const objects = variantsOf(schema).filter(
    (v) => v.type === "object" || "properties" in v || "additionalProperties" in v,
  );
  const tagged = objects.filter((variant) =>
    Object.entries((variant.properties ?? {}) as Record<string, unknown>).some(
      ([key, property]) => Object.hasOwn(table, key) && tagMatches(property, table[key]),
    ),
  );
  return tagged.length > 0 ? tagged : objects;
}

function unknownKeyFinding(path: KeyPath, known: readonly string[]): Finding {
  const key = String(path[path.length - 1]);
  const where = path.length > 1 ? `under \`${formatKeyPath(path.slice(0, -1))}\`` : "at the top level";
  const requirement = path.length === 1 ? REQUIREMENT_FOR_CONFIG_KEY[key] : undefined;
  let fix: string;
  if (requirement) {
    fix = `\`${key}\` is a config.toml setting; to enforce it, list the allowed values in \`${requirement}\` (or set a default in managed_config.toml).`;
  } else if (path.length === 1 && CONFIG_TOML_KEYS.has(key)) {
    fix = `\`${key}\` is a config.toml setting; set it in /etc/codex/config.toml or managed_config.toml instead.`;
  } else {
    const suggestion = closestKey(key, known);
    fix = suggestion ? `Did you mean \`${suggestion}\`?` : "Remove it, or check its spelling and nesting.";
  }
  return {
    code: "unknown-key",
    severity: "warning",
    message: `Codex does not know \`${key}\` ${where} of requirements.toml and silently ignores it, so it has no effect. ${fix}`,
    path,
    at: "key",
  };
}

function walk(schema: Node, value: TomlValue, path: KeyPath, out: Finding[]): void {
  if (Array.isArray(value)) {
    const items = variantsOf(schema).find((variant) => "items" in variant)?.items;
    if (items === undefined) return;
    value.forEach((item, index) => {
      walk(resolve(items), item, [...path, index], out);
    });
    return;
  }
  if (!isTable(value)) return;
  const variants = objectVariants(schema, value);
  if (variants.length === 0) return;
  const known = [...new Set(variants.flatMap((variant) => Object.keys((variant.properties ?? {}) as Node)))];
  const maps = variants
    .map((variant) => variant.additionalProperties)
    .filter((extra) => extra !== undefined && extra !== false);
  const ignoresUnknown = variants.some((variant) => variant.additionalProperties === undefined);
  for (const [key, child] of Object.entries(value)) {
    const property = variants.find((variant) => Object.hasOwn((variant.properties ?? {}) as Node, key))?.properties as
      | Node
      | undefined;
    if (property) walk(resolve(property[key]), child, [...path, key], out);
    else if (maps.length > 0) walk(resolve(maps[0] === true ? {} : maps[0]), child, [...path, key], out);
    else if (ignoresUnknown) out.push(unknownKeyFinding([...path, key], known));
  }
}

/**
 * `unknown-key` (requirements): a key the requirements schema does not have at that level. Codex's
 * structs mostly do not deny unknown fields, so a misspelt key is dropped without a word
 * (requirements-spec §1: `bogus_key = 1` loads). Walks the JSON Schema generated from the same
 * serde declarations Codex's parser is modelled on; maps (feature pins, profiles, servers) accept any key.
 */
export const unknownRequirementsKeys: Lint = ({ table }) => {
  rootSchema ??= buildRequirementsJsonSchema() as Node;
  const out: Finding[] = [];
  walk(rootSchema, table, [], out);
  return out;
};
