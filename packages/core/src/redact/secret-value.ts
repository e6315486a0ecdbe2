import { classifySecretName, nameWords, type SecretNameClass, wordSet } from "./secret-name.ts";
import { shannonEntropy } from "./shannon-entropy.ts";

/** How an assigned value was written, as far as the scanner can tell. */
export interface ValueContext {
  /** Inside quotes (or an XML element): a literal, not an expression. */
  readonly quoted: boolean;
  /** Unquoted after a spaced `=` (`name = value`): in most languages an expression, not a literal. */
  readonly codeLike: boolean;
  /** Unquoted right after `=` (`NAME=value`, `?password=value`, `--token=value`): shell, env, query: a literal. */
  readonly tightEquals?: boolean;
}

const LITERAL_WORDS = wordSet(
  "true false yes no on off null nil none undefined empty n/a na tbd todo fixme required optional unset " +
    "default auto disabled enabled inherit hidden",
);
// Unquoted after `:` these are type annotations (`password: string`, `token: Optional[str]`).
const TYPE_WORDS = wordSet(
  "string str number int integer bool boolean any unknown object bytes char float double text varchar " +
    "secretstr secretbytes list dict array void never optional union record map uuid buffer uint8array",
);
// `password: password`, `token=token`: the value names the variable. (`secret` is left out: it is a
// common real development password.)
const SECRET_WORDS = wordSet("password passwd pwd token key apikey api_key credentials");
// Substrings of masks and placeholders (`sk-xxxx`, `****`, `<your-token>`, `replace_me`), lowercase.
const PLACEHOLDER_PARTS = [
  "xxxx",
  "***",
  "...",
  "\u2026",
  "\u2022\u2022\u2022",
  "####",
  "your",
  "example",
  "placeholder",
  "dummy",
  "redacted",
  "replaceme",
  "replace_me",
  "replace-me",
  "insert_",
  "insert-",
  "enter_your",
  "enteryour",
];
// References to a secret kept elsewhere (1Password, Vault, SOPS, AWS ARNs, YAML tags).
const REFERENCE_PREFIXES = [
  "op://",
  "vault:",
  "secret://",
  "sm://",
  "gcpsm://",
  "awssm://",
  "azkv://",
  "keyvault:",
  "ssm:",
  "ref+",
  "arn:aws",
  "enc[",
  "!ref",
  "!sub",
  "!getatt",
  "!vault",
  "!secret",
  "!env",
  "!include",
];
// Characters that start an expression, a template or a variable rather than a literal.
const EXPRESSION_STARTS = "$%<{[(";
const NUMBER_OR_VERSION = /^(?:[+-]?\d+(?:[.,]\d+)*|v?\d+(?:\.\d+)+(?:[-+][\w.]+)?)$/;
const DOTTED_IDENTIFIER = /^[A-Za-z_$][\w$]*(?:\.[A-Za-z_$][\w$]*)+$/;
const IDENTIFIER = /^[A-Za-z_][\w-]*$/;

/** True when a value assigned to a secret-looking name is obviously not a secret. */
export function isNonSecretValue(value: string, quoted: boolean, tightEquals = false): boolean {
  const text = value.trim();
  const lower = text.toLowerCase();
  if (text.length < 3 || text.includes("[REDACTED")) return true;
  if (LITERAL_WORDS.has(lower) || SECRET_WORDS.has(lower)) return true;
  const first = text[0]!;
  if (
    EXPRESSION_STARTS.includes(first) ||
    lower.startsWith("#{") ||
    (first === "@" && /[A-Za-z]/.test(text[1] ?? ""))
  ) {
    return true;
  }
  if (REFERENCE_PREFIXES.some((prefix) => lower.startsWith(prefix))) return true;
  if (isOneCharacter(text) || PLACEHOLDER_PARTS.some((part) => lower.includes(part))) return true;
  if (lower.endsWith("_here") || lower.endsWith("-here")) return true;
  if (NUMBER_OR_VERSION.test(text) || isPlainUrl(lower) || looksLikePath(text)) return true;
  if (quoted) return false;
  // `password: pwd`, `token = accessToken`, `--secret=db-password`: a variable or a secret's name.
  // After a tight `=` a single word (`password=secret`) is a literal, though.
  if (IDENTIFIER.test(text) && classifySecretName(text) !== undefined) {
    if (!tightEquals || nameWords(text).length > 1) return true;
  }
  return !tightEquals && (TYPE_WORDS.has(lower) || DOTTED_IDENTIFIER.test(text));
}

function isOneCharacter(text: string): boolean {
  for (let i = 1; i < text.length; i++) if (text[i] !== text[0]) return false;
  return true;
}

function isPlainUrl(lower: string): boolean {
  const scheme = lower.indexOf("://");
  return (
    scheme > 1 &&
    scheme <= 20 &&
    !lower.includes("@") &&
    !/\s/.test(lower) &&
    /^[a-z][a-z0-9+.-]*$/.test(lower.slice(0, scheme))
  );
}

/** True for a file system path (absolute, home-relative, dot-relative, Windows, or relative with an extension). */
export function looksLikePath(text: string): boolean {
  const rooted = /^(?:~|\.{1,2})?\/|^[A-Za-z]:[\\/]|^file:/.test(text);
  const relativeFile = /^[\w.-]+(?:\/[\w.-]+)+$/.test(text) && /\.[A-Za-z]{1,5}$/.test(text);
  if (!rooted && !relativeFile) return false;
  // A base64 secret may start with `/`; a path's segments are not random strings.
  return !text
    .split(/[\\/]/)
    .some((segment) => segment.length >= 16 && /\d/.test(segment) && /[A-Z]/.test(segment) && /[a-z]/.test(segment));
}

/** True for a string that looks machine-generated: long enough, no spaces, mixed, high entropy, not words. */
export function looksRandom(value: string): boolean {
  if (value.length < 12 || /\s/.test(value) || isWordLike(value)) return false;
  const entropy = shannonEntropy(value);
  const hasDigit = /\d/.test(value);
  const hasLetter = /[A-Za-z]/.test(value);
  if (hasDigit && hasLetter && entropy >= 3) return true;
  return value.length >= 20 && /[a-z]/.test(value) && /[A-Z]/.test(value) && entropy >= 3.5;
}

// `production_db_2024`, `refreshToken`, `my-app-name`: every piece is a pronounceable word, a short
// abbreviation (`db`, `cfg`) or a short number.
function isWordLike(value: string): boolean {
  const words = nameWords(value);
  return words.length > 0 && words.every(isPlainWord);
}

function isPlainWord(word: string): boolean {
  if (/^\d{1,4}$/.test(word)) return true;
  return /^[a-z]+$/.test(word) && (word.length <= 3 || /[aeiouy]/.test(word));
}

/** True when `value`, assigned to a name of class `nameClass`, should be redacted in free text. */
export function acceptsAssignedValue(nameClass: SecretNameClass, value: string, context: ValueContext): boolean {
  // `looksRandom` first: it rejects most code (`token = await …`) on length alone.
  if ((nameClass !== "password" || context.codeLike) && !looksRandom(value)) return false;
  return !isNonSecretValue(value, context.quoted, context.tightEquals);
}

/** True when `value`, held under a JSON key of class `nameClass`, should be redacted (short values too). */
export function acceptsFieldValue(nameClass: SecretNameClass, value: string): boolean {
  if (isNonSecretValue(value, true)) return false;
  return nameClass !== "weak" || looksRandom(value);
}
