import type { PolicyRegexV1 } from "./compiled-hook-policy.ts";

/** A pattern compiled to a JavaScript regex, or why it cannot be. */
export type RegexCompile = { ok: true; regex: PolicyRegexV1 } | { ok: false; message: string };

const LEADING_FLAGS = /^\(\?([A-Za-z]+)\)/;
const JS_FLAGS = new Set(["i", "m", "s"]);

/** Turns a thrown `SyntaxError` into the part after `Invalid regular expression: /…/flags: `. */
export function regexErrorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const colon = text.lastIndexOf(": ");
  return colon >= 0 ? text.slice(colon + 2) : text;
}

/**
 * Compiles a JavaScript regex (always with the `u` flag). A leading `(?i)`, `(?m)`, `(?s)` or a
 * combination, as Rust/RE2/PCRE write it, becomes the JS flag; anywhere else it is an error,
 * because Node 20 has no inline modifiers.
 */
export function compileJsRegex(pattern: string): RegexCompile {
  if (pattern === "") return { ok: false, message: "empty pattern: it would match everything; remove the key instead" };
  const flags = new Set(["u"]);
  let source = pattern;
  const leading = LEADING_FLAGS.exec(pattern);
  if (leading) {
    for (const flag of leading[1]!) {
      if (!JS_FLAGS.has(flag))
        return { ok: false, message: `unsupported inline flag \`${flag}\`: only (?i), (?m) and (?s) are supported` };
      flags.add(flag);
    }
    source = pattern.slice(leading[0].length);
  }
  const flagText = [...flags].sort().join("");
  try {
    new RegExp(source, flagText);
  } catch (error) {
    const hint = /\(\?[a-zA-Z-]+[:)]/.test(source) ? " (inline flags are only supported at the start)" : "";
    return { ok: false, message: `invalid regular expression: ${regexErrorText(error)}${hint}` };
  }
  return { ok: true, regex: { source, flags: flagText } };
}

// A group that repeats something already repeated: `(a+)+`, `(\w*x)*`, `(a|a)*`-style blowups.
const NESTED_QUANTIFIER = /\((?:[^()\\]|\\.)*[+*](?:[^()\\]|\\.)*\)(?:[+*]|\{\d+,\d*\})/;

/**
 * Why a JS regex may backtrack catastrophically on crafted input, or null. The model controls the
 * text the hook matches, and a hook that times out fails open in Codex, so this is worth a warning.
 */
export function backtrackingRisk(source: string): string | null {
  return NESTED_QUANTIFIER.test(source)
    ? "a repeated group that itself contains `+` or `*` can take exponential time on crafted input, and a hook that times out lets the call through; rewrite it without nested repetition"
    : null;
}

/** An anchored regex source matching any of the given alternatives (already regex sources). */
export function anyOfSources(sources: readonly string[]): string {
  return sources.length === 1 ? `^${sources[0]}$` : `^(?:${sources.join("|")})$`;
}

/** Escapes a literal for use inside a regex source. */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.*+?()[\]{}|/]/g, "\\$&");
}
