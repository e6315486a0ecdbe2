import { type CompiledRule, candidateRules } from "./rule-index.ts";
import { classifySecretName } from "./secret-name.ts";
import { acceptsAssignedValue } from "./secret-value.ts";
import { shannonEntropy } from "./shannon-entropy.ts";

/** One secret in a text: the rule that found it and its UTF-16 range `[start, end)`. */
export interface SecretFinding {
  readonly ruleId: string;
  readonly start: number;
  readonly end: number;
}

interface RawFinding extends SecretFinding {
  readonly order: number;
}

type GroupIndices = { [name: string]: [number, number] | undefined };

// Identifier characters a name is extended over, backwards from the keyword the pattern matched.
const NAME_CHAR = /[A-Za-z0-9_.$-]/;
const NAME_MAX = 64;
// Masked or templated values (`ghp_xxxxxxxx…`, `sk-****`, `<token>`) are documentation, not secrets.
const MASKED = /x{5}|X{5}|\*{4}|•{4}|<[A-Za-z_ -]{1,40}>/;

/** Every secret in `text`, overlapping findings merged, sorted by position. */
export function findSecrets(text: string): SecretFinding[] {
  const raw: RawFinding[] = [];
  const markers = markerRanges(text);
  const lower = text.toLowerCase();
  // `caseless` rules run on `lower`; its offsets are the text's unless lowercasing changed the length (`İ`).
  const aligned = lower.length === text.length;
  for (const compiled of candidateRules(lower)) {
    const caseless = compiled.rule.caseless === true;
    const regex = caseless && !aligned ? compiled.caseInsensitive() : compiled.regex;
    collectRule(compiled, regex, caseless && aligned ? lower : text, text, markers, raw);
  }
  return mergeFindings(raw);
}

// Ranges of `[REDACTED:…]` markers already in the text: a match touching one is never reported,
// which makes redaction idempotent even where a marker could pass for a user name or a value.
function markerRanges(text: string): [number, number][] {
  if (!text.includes("[REDACTED:")) return [];
  return [...text.matchAll(/\[REDACTED:[a-z0-9-]{1,64}\]/g)].map((m) => [m.index, m.index + m[0].length]);
}

function collectRule(
  compiled: CompiledRule,
  regex: RegExp,
  scanned: string,
  text: string,
  markers: [number, number][],
  out: RawFinding[],
): void {
  const { rule } = compiled;
  regex.lastIndex = 0;
  for (let match = regex.exec(scanned); match !== null; match = regex.exec(scanned)) {
    if (match[0].length === 0) {
      regex.lastIndex++;
      continue;
    }
    const groups = (match.indices?.groups ?? {}) as GroupIndices;
    const hit = secretGroup(groups);
    if (hit === undefined || hit.end <= hit.start) continue;
    const end = match.index + match[0].length;
    if (markers.some(([from, to]) => from < end && to > match.index)) continue;
    if (!acceptMatch(compiled, text, match, groups, hit)) continue;
    out.push({ ruleId: rule.id, start: hit.start, end: hit.end, order: compiled.order });
  }
}

function secretGroup(groups: GroupIndices): { name: string; start: number; end: number } | undefined {
  for (const name in groups) {
    const range = groups[name];
    if (range !== undefined && name.startsWith("secret")) return { name, start: range[0], end: range[1] };
  }
  return undefined;
}

function acceptMatch(
  compiled: CompiledRule,
  text: string,
  match: RegExpExecArray,
  groups: GroupIndices,
  hit: { name: string; start: number; end: number },
): boolean {
  const secret = text.slice(hit.start, hit.end);
  if (MASKED.test(secret)) return false;
  const { rule } = compiled;
  if (rule.entropy !== undefined && shannonEntropy(secret) < rule.entropy) return false;
  if (compiled.allow.some((allow) => allow.test(secret))) return false;
  if (rule.kind !== "assignment") return true;
  const nameRange = groups.name;
  if (nameRange === undefined) return false;
  let nameStart = nameRange[0];
  while (nameStart > 0 && nameRange[0] - nameStart < NAME_MAX && NAME_CHAR.test(text[nameStart - 1]!)) nameStart--;
  const nameClass = classifySecretName(text.slice(nameStart, nameRange[1]));
  if (nameClass === undefined) return false;
  const quoted = hit.name !== "secretBare";
  // `os.getenv(…)`, `environ[…]`, `ENC[…]`, `Optional[str]`: an unquoted value that is a call or an index.
  if (!quoted && (text[hit.end] === "(" || text[hit.end] === "[")) return false;
  const separator = match.groups?.sep ?? "";
  const codeLike = !quoted && /\s/.test(separator) && separator.includes("=");
  const tightEquals = !quoted && separator === "=";
  return acceptsAssignedValue(nameClass, secret, { quoted, codeLike, tightEquals });
}

/** Sorts findings and merges overlapping ones; the earliest (then longest, then first rule) names the result. */
export function mergeFindings(raw: readonly RawFinding[]): SecretFinding[] {
  const sorted = [...raw].sort((a, b) => a.start - b.start || b.end - a.end || a.order - b.order);
  const merged: { ruleId: string; start: number; end: number }[] = [];
  for (const finding of sorted) {
    const last = merged.at(-1);
    if (last !== undefined && finding.start < last.end) {
      last.end = Math.max(last.end, finding.end);
    } else {
      merged.push({ ruleId: finding.ruleId, start: finding.start, end: finding.end });
    }
  }
  return merged;
}
