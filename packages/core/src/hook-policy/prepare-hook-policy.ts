import type {
  CompiledHookPolicyV1,
  CompiledHookRuleV1,
  HookPolicyDecisionV1,
  HookPolicyEventV1,
  PathGlobV1,
  PolicyRegexV1,
} from "./compiled-hook-policy.ts";
import { DECISION_RANK } from "./hook-decision.ts";
import { HOOK_POLICY_EVENTS } from "./hook-policy-event.ts";
import { requiredLiteral } from "./touched-path.ts";

/** A path glob ready to test. */
export interface PreparedGlob {
  readonly base: PathGlobV1["base"];
  readonly regex: RegExp;
  /** A substring every match contains, tested before the regex ("" when there is none). */
  readonly literal: string;
}

/** A rule with its regexes built once; `index` is its position in the file. */
export interface PreparedRule {
  readonly index: number;
  readonly source: CompiledHookRuleV1;
  readonly rank: number;
  readonly toolsExact: ReadonlySet<string> | null;
  readonly toolsRegex: RegExp | null;
  readonly prefix: readonly (readonly string[])[] | null;
  readonly commandRegex: RegExp | null;
  /** Index of the combined regex that must match before `commandRegex` is tried, or -1. */
  regexGate: number;
  /**
   * A substring every match of `commandRegex` contains ("" when none is known): a command without
   * it cannot match, so neither the gate nor the regex is compiled or run (V8 compiles a regex on
   * its first and again on its second run, ~1 ms for a gate of 30 rules at every hook start).
   */
  readonly commandLiteral: string;
  readonly paths: readonly PreparedGlob[] | null;
  readonly reads: boolean;
  readonly writes: boolean;
  readonly domains: RegExp | null;
  readonly mcpServers: RegExp | null;
  readonly mcpTools: RegExp | null;
  readonly prompt: RegExp | null;
  readonly tiers: readonly string[] | null;
  readonly users: RegExp | null;
  readonly hosts: RegExp | null;
}

/** The rules that apply to one event, indexed by the first token of their command prefix. */
export interface EventRules {
  /** Rules with a command prefix, by each alternative of its first token (file order within a list). */
  readonly byProgram: ReadonlyMap<string, readonly PreparedRule[]>;
  /** Rules without a command prefix, in file order. */
  readonly general: readonly PreparedRule[];
}

/** A tier ready to test. */
export interface PreparedTier {
  readonly name: string;
  readonly paths: readonly PreparedGlob[];
  readonly remotes: RegExp | null;
  readonly default: HookPolicyDecisionV1 | null;
  readonly unanalysable: HookPolicyDecisionV1 | null;
}

/** A compiled policy with everything the evaluator needs built once. */
export interface PreparedPolicy {
  readonly policy: CompiledHookPolicyV1;
  readonly rules: readonly PreparedRule[];
  readonly events: Readonly<Record<HookPolicyEventV1, EventRules>>;
  readonly tiers: readonly PreparedTier[];
  /** The tier of a repository no tier matches (its table when there is one), or null. */
  readonly defaultTier: PreparedTier | null;
  /**
   * Every `commandRegex` with the same flags joined into one alternation: when it does not match a
   * command, none of those rules' regexes can, so one test replaces dozens.
   */
  readonly regexGates: readonly RegExp[];
  /** Per-rule scratch for one evaluation: the stamp of the call that last checked or matched it. */
  readonly checkedStamp: Uint32Array;
  readonly callMatch: Uint8Array;
  readonly matchedStamp: Uint32Array;
}

const cache = new WeakMap<CompiledHookPolicyV1, PreparedPolicy>();

/** The prepared form of a policy, built on first use and cached per policy object. */
export function preparePolicy(policy: CompiledHookPolicyV1): PreparedPolicy {
  const cached = cache.get(policy);
  if (cached) return cached;
  const prepared = build(policy);
  cache.set(policy, prepared);
  return prepared;
}

function regex(value: PolicyRegexV1 | null, what: string): RegExp | null {
  if (value === null) return null;
  try {
    return new RegExp(value.source, value.flags);
  } catch (error) {
    throw new Error(`${what} does not compile: ${(error as Error).message}`);
  }
}

function globs(list: readonly PathGlobV1[], what: string): PreparedGlob[] {
  return list.map((glob, index) => ({
    base: glob.base,
    regex: regex(glob.regex, `${what}[${index}]`)!,
    literal: requiredLiteral(glob.glob),
  }));
}

function prepareRule(rule: CompiledHookRuleV1, index: number): PreparedRule {
  const at = `rules[${index}]`;
  const tools = rule.tools;
  return {
    index,
    source: rule,
    rank: DECISION_RANK[rule.decision],
    toolsExact: tools && "exact" in tools ? new Set(tools.exact) : null,
    toolsRegex: tools && "regex" in tools ? regex(tools.regex, `${at}.tools`) : null,
    prefix: rule.command,
    commandRegex: regex(rule.commandRegex, `${at}.commandRegex`),
    regexGate: -1,
    commandLiteral: rule.commandRegex === null ? "" : regexLiteral(rule.commandRegex),
    paths: rule.paths ? globs(rule.paths, `${at}.paths`) : null,
    reads: rule.pathAccess !== "write",
    writes: rule.pathAccess !== "read",
    domains: regex(rule.domains, `${at}.domains`),
    mcpServers: regex(rule.mcpServers, `${at}.mcpServers`),
    mcpTools: regex(rule.mcpTools, `${at}.mcpTools`),
    prompt: regex(rule.promptRegex, `${at}.promptRegex`),
    tiers: rule.tiers,
    users: regex(rule.users, `${at}.users`),
    hosts: regex(rule.hosts, `${at}.hosts`),
  };
}

function build(policy: CompiledHookPolicyV1): PreparedPolicy {
  const rules = policy.rules.map(prepareRule);
  const events = {} as Record<HookPolicyEventV1, EventRules>;
  for (const event of HOOK_POLICY_EVENTS) {
    const byProgram = new Map<string, PreparedRule[]>();
    const general: PreparedRule[] = [];
    for (const rule of rules) {
      if (!rule.source.events.includes(event)) continue;
      if (rule.prefix === null) {
        general.push(rule);
        continue;
      }
      for (const program of new Set(rule.prefix[0])) {
        const list = byProgram.get(program);
        if (list) list.push(rule);
        else byProgram.set(program, [rule]);
      }
    }
    events[event] = { byProgram, general };
  }
  const tiers = policy.tiers.map((tier, index) => ({
    name: tier.name,
    paths: globs(tier.paths, `tiers[${index}].paths`),
    remotes: regex(tier.remotes, `tiers[${index}].remotes`),
    default: tier.default,
    unanalysable: tier.unanalysable,
  }));
  const named = policy.defaultTier;
  const defaultTier =
    named === null
      ? null
      : (tiers.find((tier) => tier.name === named) ?? {
          name: named,
          paths: [],
          remotes: null,
          default: null,
          unanalysable: null,
        });
  const n = rules.length;
  return {
    policy,
    rules,
    events,
    tiers,
    defaultTier,
    regexGates: buildRegexGates(rules),
    checkedStamp: new Uint32Array(n),
    callMatch: new Uint8Array(n),
    matchedStamp: new Uint32Array(n),
  };
}

const SYNTAX = "\\^$.|?*+()[]{}";

/** Whether the character before `next` may be absent (`?`, `*`, or `{` for `{0,}`). */
function optional(next: string | undefined): boolean {
  return next === "?" || next === "*" || next === "{";
}

/**
 * The longest run of literal characters every match of the regex contains, or "" — conservative:
 * only top-level plain ASCII characters count, a quantified character ends the run without it,
 * and a top-level alternation, case-insensitive matching or anything unusual gives "".
 */
export function regexLiteral(regex: PolicyRegexV1): string {
  if (regex.flags.includes("i")) return "";
  const source = regex.source;
  let best = "";
  let run = "";
  const end = (): void => {
    if (run.length > best.length) best = run;
    run = "";
  };
  let depth = 0;
  let inClass = false;
  for (let i = 0; i < source.length; i++) {
    const c = source[i]!;
    if (c === "\\") {
      const next = source[i + 1];
      if (next === undefined) return "";
      i++;
      if (depth === 0 && !inClass && next < "\x7f" && next >= " " && !/[A-Za-z0-9]/.test(next)) {
        if (optional(source[i + 1])) end();
        else run += next;
      } else if (depth === 0 && !inClass) end();
      continue;
    }
    if (inClass) {
      if (c === "]") inClass = false;
      continue;
    }
    if (c === "[") {
      end();
      inClass = true;
      continue;
    }
    if (c === "{") {
      // A quantifier's bounds (or, without the `u` flag, literal braces: skipping them is safe).
      end();
      const close = source.indexOf("}", i);
      if (close < 0) break;
      i = close;
      continue;
    }
    if (c === "(") {
      end();
      depth++;
      continue;
    }
    if (c === ")") {
      if (depth === 0) return "";
      depth--;
      continue;
    }
    if (depth > 0) continue;
    if (c === "|") return "";
    if (SYNTAX.includes(c) || c < " " || c >= "\x7f") {
      end();
      continue;
    }
    // A character a quantifier follows may be absent (`?`, `*`, `{0,}`): it ends the run without it.
    if (optional(source[i + 1])) end();
    else run += c;
  }
  if (depth !== 0 || inClass) return "";
  end();
  return best;
}

// Backreferences and named groups would change meaning or clash inside one alternation.
const UNGATEABLE = /\\[1-9]|\\k<|\(\?<[A-Za-z]/;

function buildRegexGates(rules: readonly PreparedRule[]): RegExp[] {
  const byFlags = new Map<string, PreparedRule[]>();
  for (const rule of rules) {
    const source = rule.source.commandRegex;
    if (source === null || UNGATEABLE.test(source.source)) continue;
    const list = byFlags.get(source.flags);
    if (list) list.push(rule);
    else byFlags.set(source.flags, [rule]);
  }
  const gates: RegExp[] = [];
  for (const [flags, members] of byFlags) {
    if (members.length < 2) continue;
    let gate: RegExp;
    try {
      gate = new RegExp(members.map((rule) => `(?:${rule.source.commandRegex!.source})`).join("|"), flags);
    } catch {
      continue;
    }
    for (const rule of members) rule.regexGate = gates.length;
    gates.push(gate);
  }
  return gates;
}
