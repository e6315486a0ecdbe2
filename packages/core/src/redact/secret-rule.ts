/**
 * One secret-detection rule, as plain data: nothing is compiled until a keyword of the rule occurs
 * in the scanned text (`rule-index.ts`).
 */
export interface SecretRule {
  /** Stable kebab-case id; it appears in the replacement `[REDACTED:<id>]`. */
  readonly id: string;
  /** What the rule finds, for the README and for humans reading findings. */
  readonly description: string;
  /** Where the token format is documented (vendor page or format note). */
  readonly source: string;
  /**
   * Lowercase substrings, at least one of which must occur (case-insensitively) for the pattern to
   * run. Empty means the rule always runs: keep those patterns cheap.
   */
  readonly keywords: readonly string[];
  /**
   * JS RegExp source. The redacted range is the named group `secret` (or `secret2`, `secret3`, …
   * in further alternatives, because Node 20 has no duplicate group names). Every pattern must be
   * linear: bounded quantifiers, no nested quantifiers whose iterations can overlap, and a start
   * guard so a long run of body characters gives one match attempt, not one per character.
   */
  readonly pattern: string;
  /** Extra RegExp flags (`m`, `s`); `g` and `d` are always added. Never `i`: use `caseless`. */
  readonly flags?: string;
  /**
   * The pattern is written in lowercase and runs on the lowercased text, so it matches any letter
   * case without the `i` flag (which makes V8 compile large classes slowly). The secret is still
   * read from the original text.
   */
  readonly caseless?: boolean;
  /** Minimum Shannon entropy of the secret, in bits per character. */
  readonly entropy?: number;
  /** RegExp sources (case-sensitive) that mark a matched secret as a known false positive. */
  readonly allow?: readonly string[];
  /**
   * `assignment`: the pattern also captures a `name` group (the end of an identifier); the scanner
   * extends it to the whole identifier, keeps the finding only when the name looks like a secret's
   * name, and filters the value by the name's class (`secret-name.ts`, `secret-value.ts`).
   */
  readonly kind?: "assignment";
}
