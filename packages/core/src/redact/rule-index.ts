import type { SecretRule } from "./secret-rule.ts";
import { SECRET_RULES } from "./secret-rules.ts";

/** A rule with its RegExps, compiled on first use. */
export interface CompiledRule {
  readonly rule: SecretRule;
  /** Position in `SECRET_RULES`: the tie-breaker when findings overlap. */
  readonly order: number;
  readonly regex: RegExp;
  readonly allow: readonly RegExp[];
  /** For a `caseless` rule: the same pattern with the `i` flag, for texts whose lowercase changes length. */
  readonly caseInsensitive: () => RegExp;
}

interface KeywordIndex {
  /** Every keyword. */
  readonly keywords: readonly string[];
  /** All keywords as one alternation (V8 scans it in one pass). */
  readonly keywordRegex: RegExp;
  /** Rule positions per keyword. */
  readonly rulesByKeyword: ReadonlyMap<string, readonly number[]>;
  readonly alwaysRun: readonly number[];
}

// Past this much unscanned text, a keyword seen twice makes the scan drop the keywords already
// seen (one RegExp compile) instead of stopping at every further occurrence of `token` or `key`.
const REBUILD_MIN_REMAINING = 64 * 1024;

// Up to this length, one `includes` per keyword is cheaper than compiling the alternation.
const SHORT_TEXT = 2048;

let keywordIndex: KeywordIndex | undefined;
const compiled: (CompiledRule | undefined)[] = [];

/** The rules whose keywords occur in `lower` (the scanned text, lowercased), in rule order, compiled. */
export function candidateRules(lower: string): CompiledRule[] {
  keywordIndex ??= buildKeywordIndex(SECRET_RULES);
  const index = keywordIndex;
  const selected = new Set<number>(index.alwaysRun);
  for (const keyword of keywordsIn(lower, index)) {
    for (const order of index.rulesByKeyword.get(keyword)!) selected.add(order);
  }
  return [...selected].sort((a, b) => a - b).map(compileRule);
}

function keywordsIn(lower: string, index: KeywordIndex): Set<string> {
  const seen = new Set<string>();
  // A short text (a command, a path): substring checks beat compiling the alternation.
  if (lower.length <= SHORT_TEXT) {
    for (const keyword of index.keywords) if (lower.includes(keyword)) seen.add(keyword);
    return seen;
  }
  let regex = index.keywordRegex;
  let from = 0;
  while (from < lower.length) {
    regex.lastIndex = from;
    const match = regex.exec(lower);
    if (match === null) break;
    // Step one character, not past the match, so a keyword overlapping this one is still seen.
    from = match.index + 1;
    const keyword = match[0];
    if (!seen.has(keyword)) {
      seen.add(keyword);
    } else if (lower.length - from > REBUILD_MIN_REMAINING) {
      const pending = index.keywords.filter((candidate) => !seen.has(candidate));
      if (pending.length === 0) break;
      regex = alternation(pending);
    }
  }
  // The alternation reports the longest keyword at a position; the shorter ones it starts with occur too.
  for (const found of [...seen]) for (const keyword of index.keywords) if (found.startsWith(keyword)) seen.add(keyword);
  return seen;
}

/** Compiles rule `order` once (tests use it to reach every rule). */
export function compileRule(order: number): CompiledRule {
  const existing = compiled[order];
  if (existing !== undefined) return existing;
  const rule = SECRET_RULES[order]!;
  let caseInsensitive: RegExp | undefined;
  const entry: CompiledRule = {
    rule,
    order,
    regex: new RegExp(rule.pattern, `gd${rule.flags ?? ""}`),
    allow: (rule.allow ?? []).map((source) => new RegExp(source)),
    caseInsensitive: () => {
      caseInsensitive ??= new RegExp(rule.pattern, `gdi${rule.flags ?? ""}`);
      return caseInsensitive;
    },
  };
  compiled[order] = entry;
  return entry;
}

// Longest first: at a position the alternation reports the longest keyword that starts there.
function alternation(keywords: readonly string[]): RegExp {
  const sorted = [...keywords].sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return new RegExp(sorted.map((keyword) => keyword.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
}

function buildKeywordIndex(rules: readonly SecretRule[]): KeywordIndex {
  const direct = new Map<string, number[]>();
  const alwaysRun: number[] = [];
  rules.forEach((rule, order) => {
    if (rule.keywords.length === 0) alwaysRun.push(order);
    for (const keyword of rule.keywords) {
      const list = direct.get(keyword) ?? [];
      list.push(order);
      direct.set(keyword, list);
    }
  });
  const keywords = [...direct.keys()];
  let keywordRegex: RegExp | undefined;
  return {
    keywords,
    get keywordRegex() {
      keywordRegex ??= alternation(keywords);
      return keywordRegex;
    },
    rulesByKeyword: direct,
    alwaysRun,
  };
}
