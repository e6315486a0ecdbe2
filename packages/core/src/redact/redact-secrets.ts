import { findSecrets, type SecretFinding } from "./find-secrets.ts";
import { classifySecretName, type SecretNameClass } from "./secret-name.ts";
import { acceptsFieldValue } from "./secret-value.ts";

/** The result of redacting a text: the new text and the merged findings, in the original text's offsets. */
export interface RedactedText {
  readonly text: string;
  readonly findings: SecretFinding[];
}

/** The result of redacting a JSON value: a redacted copy and how many secrets were replaced. */
export interface RedactedJson {
  readonly value: unknown;
  readonly findings: number;
}

/** Rule id of values redacted by `redactJson` because of the key that holds them. */
export const SECRET_FIELD_RULE_ID = "secret-field";

/** The text that replaces a secret found by rule `ruleId`. */
export function redactionMarker(ruleId: string): string {
  return `[REDACTED:${ruleId}]`;
}

/** Replaces every secret in `text` with `[REDACTED:<ruleId>]`; idempotent (a second pass changes nothing). */
export function redactSecrets(text: string): RedactedText {
  const findings = findSecrets(text);
  return { text: applyFindings(text, findings, 0), findings };
}

function applyFindings(text: string, findings: readonly SecretFinding[], offset: number): string {
  if (findings.length === 0) return text;
  let out = "";
  let cursor = 0;
  for (const finding of findings) {
    const start = Math.max(finding.start - offset, 0);
    out += text.slice(cursor, start) + redactionMarker(finding.ruleId);
    cursor = Math.min(finding.end - offset, text.length);
  }
  return out + text.slice(cursor);
}

// What `redactJson` builds before scanning: every string to scan is a numbered piece, so all of
// them are scanned as one text (one keyword pass, each RegExp run once) and put back afterwards.
type Shape =
  | { readonly piece: number }
  | { readonly literal: unknown }
  | { readonly items: readonly Shape[] }
  | { readonly entries: readonly (readonly [number, Shape])[] };

// Joins the pieces: no pattern matches across a newline, a U+0001 and a newline.
const PIECE_SEPARATOR = "\n\u0001\n";

/**
 * Redacts a JSON value (as `JSON.parse` returns it) without mutating it: every string (object keys
 * included) goes through the same rules as `redactSecrets`, and a string held by a
 * secret-looking key (`{"password": "hunter2"}`) is replaced whole, however short. Values other
 * than plain objects, arrays and strings are returned as they are.
 */
export function redactJson(value: unknown): RedactedJson {
  const pieces: string[] = [];
  const counter = { findings: 0 };
  const shape = describe(value, undefined, pieces, counter, new Set());
  if (pieces.length === 0) return { value: build(shape, pieces), findings: counter.findings };
  const joined = pieces.join(PIECE_SEPARATOR);
  const findings = findSecrets(joined);
  const redacted: string[] = [];
  let offset = 0;
  let next = 0;
  for (const piece of pieces) {
    const end = offset + piece.length;
    while (next < findings.length && findings[next]!.end <= offset) next++;
    const mine: SecretFinding[] = [];
    for (let i = next; i < findings.length && findings[i]!.start < end; i++) mine.push(findings[i]!);
    counter.findings += mine.length;
    redacted.push(applyFindings(piece, mine, offset));
    offset = end + PIECE_SEPARATOR.length;
  }
  return { value: build(shape, redacted), findings: counter.findings };
}

function describe(
  value: unknown,
  keyClass: SecretNameClass | undefined,
  pieces: string[],
  counter: { findings: number },
  path: Set<object>,
): Shape {
  if (typeof value === "string") {
    if (keyClass !== undefined && acceptsFieldValue(keyClass, value)) {
      counter.findings++;
      return { literal: redactionMarker(SECRET_FIELD_RULE_ID) };
    }
    return { piece: pieces.push(value) - 1 };
  }
  if (typeof value !== "object" || value === null) return { literal: value };
  const isArray = Array.isArray(value);
  if (!isArray && !isPlainObject(value)) return { literal: value };
  if (path.has(value)) throw new TypeError("redactJson: the value contains a cycle");
  path.add(value);
  try {
    if (isArray) return { items: value.map((item) => describe(item, keyClass, pieces, counter, path)) };
    return {
      entries: Object.entries(value).map(([key, item]) => {
        const keyPiece = pieces.push(key) - 1;
        return [keyPiece, describe(item, classifySecretName(key), pieces, counter, path)] as const;
      }),
    };
  } finally {
    path.delete(value);
  }
}

function build(shape: Shape, pieces: readonly string[]): unknown {
  if ("piece" in shape) return pieces[shape.piece];
  if ("literal" in shape) return shape.literal;
  if ("items" in shape) return shape.items.map((item) => build(item, pieces));
  // `Object.fromEntries` defines own properties, so a `__proto__` key stays data.
  return Object.fromEntries(shape.entries.map(([key, item]) => [pieces[key], build(item, pieces)]));
}

function isPlainObject(value: object): value is Record<string, unknown> {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
