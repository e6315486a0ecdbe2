import { type CallParts, type CallSubject, callParts } from "./call-subjects.ts";
import type { CompiledHookPolicyV1, HookPolicyDecisionV1 } from "./compiled-hook-policy.ts";
import { normalizeHost } from "./domain-pattern.ts";
import { DECISION_RANK, HOOK_DECISIONS } from "./hook-decision.ts";
import { GATE_EVENTS, TOOL_EVENTS } from "./hook-policy-event.ts";
import { type McpTargets, mcpArgumentTargets } from "./mcp-arguments.ts";
import { type PreparedPolicy, type PreparedRule, type PreparedTier, preparePolicy } from "./prepare-hook-policy.ts";
import { resolveTier } from "./resolve-tier.ts";
import { defaultShellAnalyzer, type ShellAnalyzer } from "./shell-analysis.ts";
import type { MatchedRule, ToolCall, Verdict } from "./tool-call.ts";
import { splitMcpToolName, TOOL_ALIASES } from "./tool-names.ts";
import { anyGlobMatches, normalizeAbsolute, type TouchedPath, touchedPath } from "./touched-path.ts";

/** Paths a subject reads and writes, resolved for glob matching. */
interface SubjectTargets {
  reads: TouchedPath[];
  writes: TouchedPath[];
}

const NO_ALIASES: readonly string[] = [];
const NO_HOSTS: readonly string[] = [];
let lastStamp = 0;

/**
 * Decides a hook event from a compiled policy. Every subject of the call (each simple command of
 * a shell call, a patch, an MCP call, or the call itself) gets the strictest decision of the rules
 * matching it, or the event's default when none does; the call gets the strictest over its
 * subjects and, on PreToolUse/PermissionRequest, the `unanalysable` decision when part of a shell
 * command could not be analysed. Ties go to a rule over a fallback (the first rule in file order),
 * and to the unanalysable part over a default. `shell` is replaceable for tests.
 */
export function evaluateToolCall(
  policy: CompiledHookPolicyV1,
  call: ToolCall,
  shell: ShellAnalyzer = defaultShellAnalyzer,
): Verdict {
  return new Evaluation(preparePolicy(policy), call, shell).run();
}

class Evaluation {
  private readonly stamp: number;
  private readonly tier: PreparedTier | null;
  private readonly tool: string | null;
  private readonly aliases: readonly string[];
  private readonly mcp: { server: string; tool: string } | null;
  private readonly host: string | null;
  private readonly parts: CallParts;
  private readonly matched: PreparedRule[] = [];
  private targets: Map<CallSubject, SubjectTargets> | null = null;
  private hosts: Map<CallSubject, readonly string[]> | null = null;
  private mcpFound: McpTargets | null = null;
  private gateSubject: CallSubject | null = null;
  private gateResults: Int8Array | null = null;
  private bestRank = -1;
  private bestRule: PreparedRule | null = null;
  private bestFallback = "";

  constructor(
    private readonly prepared: PreparedPolicy,
    private readonly call: ToolCall,
    private readonly shell: ShellAnalyzer,
  ) {
    lastStamp = lastStamp >= 0xfffffffe ? 1 : lastStamp + 1;
    this.stamp = lastStamp;
    this.tier = resolveTier(prepared, call);
    this.tool = TOOL_EVENTS.includes(call.event) ? call.toolName : null;
    this.aliases = (this.tool !== null && TOOL_ALIASES[this.tool]) || NO_ALIASES;
    this.mcp = this.tool === null ? null : splitMcpToolName(this.tool);
    this.host = call.host === null ? null : call.host.toLowerCase();
    this.parts = callParts(call, shell);
  }

  run(): Verdict {
    const { policy, events } = this.prepared;
    const rules = events[this.call.event];
    const gate = GATE_EVENTS.includes(this.call.event);
    const fallback = (gate && this.tier?.default) || policy.eventDefaults[this.call.event];
    for (const subject of this.parts.subjects) {
      let matchedAny = false;
      const command = subject.command;
      if (command !== null) {
        const first = command.argv[0] ?? "";
        matchedAny = this.scan(rules.byProgram.get(first), subject) || matchedAny;
        if (command.program !== first)
          matchedAny = this.scan(rules.byProgram.get(command.program), subject) || matchedAny;
      }
      matchedAny = this.scan(rules.general, subject) || matchedAny;
      if (!matchedAny && subject.defaultApplies && DECISION_RANK[fallback] > this.bestRank) {
        const tier = gate && this.tier?.default ? this.tier.name : null;
        this.fallBack(fallback, defaultReason(this.call.event, fallback, subject, tier));
      }
    }
    const unanalysable = this.parts.unanalysable;
    if (unanalysable.length > 0 && gate) {
      const first = unanalysable[0]!;
      const what = first.text === "" ? "the command" : `\`${clip(first.text)}\``;
      const decision = this.tier?.unanalysable ?? policy.unanalysable;
      // Over an equally strict default, the unanalysable part is the better explanation.
      this.fallBack(
        decision,
        `Warden could not analyse ${what} (${first.reason}); the policy's decision for commands it cannot analyse is ${decision}.`,
        true,
      );
    }
    // Only an unanalysable call on an event that ignores `unanalysable` gets here undecided.
    if (this.bestRank < 0) this.fallBack(fallback, defaultReason(this.call.event, fallback, null, null));
    const decision = HOOK_DECISIONS[this.bestRank]!;
    const best = this.bestRule;
    this.matched.sort((a, b) => a.index - b.index);
    const matched: MatchedRule[] = this.matched.map((rule) => ({
      ruleId: rule.source.id,
      decision: rule.source.decision,
    }));
    return {
      decision,
      ruleId: best === null ? null : best.source.id,
      reason: best === null ? this.bestFallback : best.source.reason,
      matched,
      commands: this.parts.commands,
      unanalysable: unanalysable,
      tier: this.tier === null ? null : this.tier.name,
    };
  }

  private fallBack(decision: HookPolicyDecisionV1, reason: string, overEqualFallback = false): void {
    const rank = DECISION_RANK[decision];
    if (rank < this.bestRank || (rank === this.bestRank && !(overEqualFallback && this.bestRule === null))) return;
    this.bestRank = rank;
    this.bestRule = null;
    this.bestFallback = reason;
  }

  private scan(rules: readonly PreparedRule[] | undefined, subject: CallSubject): boolean {
    if (rules === undefined) return false;
    let any = false;
    for (const rule of rules) {
      if (!this.callMatches(rule) || !this.subjectMatches(rule, subject)) continue;
      any = true;
      if (this.prepared.matchedStamp[rule.index] !== this.stamp) {
        this.prepared.matchedStamp[rule.index] = this.stamp;
        this.matched.push(rule);
      }
      const best = this.bestRule;
      if (rule.rank > this.bestRank || (rule.rank === this.bestRank && (best === null || rule.index < best.index))) {
        this.bestRank = rule.rank;
        this.bestRule = rule;
      }
    }
    return any;
  }

  // Conditions on the call as a whole, checked once per rule per call.
  private callMatches(rule: PreparedRule): boolean {
    const { checkedStamp, callMatch } = this.prepared;
    if (checkedStamp[rule.index] === this.stamp) return callMatch[rule.index] === 1;
    const ok = this.checkCall(rule);
    checkedStamp[rule.index] = this.stamp;
    callMatch[rule.index] = ok ? 1 : 0;
    return ok;
  }

  private checkCall(rule: PreparedRule): boolean {
    if (rule.toolsExact !== null || rule.toolsRegex !== null) {
      if (this.tool === null) return false;
      let hit = this.toolMatches(rule, this.tool);
      for (let i = 0; !hit && i < this.aliases.length; i++) hit = this.toolMatches(rule, this.aliases[i]!);
      if (!hit) return false;
    }
    if (rule.mcpServers !== null && (this.mcp === null || !rule.mcpServers.test(this.mcp.server))) return false;
    if (rule.mcpTools !== null && (this.mcp === null || !rule.mcpTools.test(this.mcp.tool))) return false;
    if (rule.prompt !== null && (typeof this.call.prompt !== "string" || !rule.prompt.test(this.call.prompt)))
      return false;
    if (rule.tiers !== null && (this.tier === null || !rule.tiers.includes(this.tier.name))) return false;
    if (rule.users !== null && (this.call.user === null || !rule.users.test(this.call.user))) return false;
    if (rule.hosts !== null && (this.host === null || !rule.hosts.test(this.host))) return false;
    return true;
  }

  private toolMatches(rule: PreparedRule, name: string): boolean {
    return rule.toolsExact !== null ? rule.toolsExact.has(name) : rule.toolsRegex!.test(name);
  }

  private subjectMatches(rule: PreparedRule, subject: CallSubject): boolean {
    const command = subject.command;
    if (rule.prefix !== null && (command === null || !prefixMatches(rule.prefix, command.argv, command.program)))
      return false;
    if (rule.commandRegex !== null) {
      if (command === null) return false;
      const literal = rule.commandLiteral;
      if (literal !== "" && !subject.joined.includes(literal) && !command.text.includes(literal)) return false;
      if (rule.regexGate >= 0 && !this.gateOpen(rule.regexGate, subject)) return false;
      const regex = rule.commandRegex;
      if (!regex.test(subject.joined) && (command.text === subject.joined || !regex.test(command.text))) return false;
    }
    if (rule.paths !== null) {
      const targets = this.targetsOf(subject);
      if (
        !(rule.reads && anyGlobMatches(rule.paths, targets.reads)) &&
        !(rule.writes && anyGlobMatches(rule.paths, targets.writes))
      )
        return false;
    }
    if (rule.domains !== null) {
      const hosts = this.hostsOf(subject);
      let hit = false;
      for (const host of hosts) if (rule.domains.test(host)) hit = true;
      if (!hit) return false;
    }
    return true;
  }

  private gateOpen(gate: number, subject: CallSubject): boolean {
    if (this.gateSubject !== subject) {
      this.gateSubject = subject;
      this.gateResults = this.gateResults ?? new Int8Array(this.prepared.regexGates.length);
      this.gateResults.fill(-1);
    }
    const results = this.gateResults!;
    if (results[gate] === -1) {
      const regex = this.prepared.regexGates[gate]!;
      const text = subject.command!.text;
      results[gate] = regex.test(subject.joined) || (text !== subject.joined && regex.test(text)) ? 1 : 0;
    }
    return results[gate] === 1;
  }

  private targetsOf(subject: CallSubject): SubjectTargets {
    this.targets ??= new Map();
    let targets = this.targets.get(subject);
    if (targets) return targets;
    const { cwd, repo } = this.call;
    const home = this.call.home ? normalizeAbsolute(this.call.home) : null;
    const root = normalizeAbsolute(repo?.root ?? cwd);
    const resolve = (raw: string) => touchedPath(raw, cwd, home, root);
    targets = { reads: [], writes: [] };
    if (subject.kind === "command" && subject.command) {
      const touched = this.shell.pathsTouched(subject.command, cwd);
      targets.reads = touched.reads.map(resolve);
      targets.writes = touched.writes.map(resolve);
    } else if (subject.kind === "patch" && this.parts.patch !== null) {
      const touched = this.shell.applyPatchPaths(this.parts.patch);
      targets.writes = [...touched.writes, ...touched.deletes].map(resolve);
    } else if (subject.kind === "mcp") {
      targets.reads = this.mcpTargets().paths.map(resolve);
      targets.writes = targets.reads;
    }
    this.targets.set(subject, targets);
    return targets;
  }

  private hostsOf(subject: CallSubject): readonly string[] {
    this.hosts ??= new Map();
    let hosts = this.hosts.get(subject);
    if (hosts) return hosts;
    hosts = NO_HOSTS;
    if (subject.kind === "command" && subject.command)
      hosts = this.shell.networkDestinations(subject.command).map(normalizeHost);
    else if (subject.kind === "mcp") hosts = this.mcpTargets().hosts;
    this.hosts.set(subject, hosts);
    return hosts;
  }

  private mcpTargets(): McpTargets {
    this.mcpFound ??= mcpArgumentTargets(this.call.toolInput);
    return this.mcpFound;
  }
}

/** Codex's prefix match (hooks-execpolicy-spec §2.4); the first token also matches the program's basename. */
export function prefixMatches(
  prefix: readonly (readonly string[])[],
  argv: readonly string[],
  program: string,
): boolean {
  if (argv.length < prefix.length) return false;
  const first = prefix[0]!;
  if (!first.includes(argv[0]!) && !first.includes(program)) return false;
  for (let i = 1; i < prefix.length; i++) if (!prefix[i]!.includes(argv[i]!)) return false;
  return true;
}

function clip(text: string): string {
  return text.length > 160 ? `${text.slice(0, 157)}...` : text;
}

function defaultReason(
  event: string,
  decision: HookPolicyDecisionV1,
  subject: CallSubject | null,
  tier: string | null,
): string {
  const what = subject?.command ? `\`${clip(subject.command.text)}\`` : "this call";
  const whose = tier === null ? "the policy's default" : `the default for tier ${tier}`;
  return `No rule matched ${what}; ${whose} for ${event} is ${decision}.`;
}
