import { sha256Hex } from "../audit-chain/sha256.ts";
import type { Diagnostic } from "../diagnostics/diagnostic.ts";
import { parseToml } from "../toml/parse-toml.ts";
import { diagnosticAt, type Finding, type PolicySite } from "../validate/diagnostic-at.ts";
import { compileHookRule } from "./compile-hook-rule.ts";
import { compileHookTiers } from "./compile-hook-tiers.ts";
import {
  type CompiledHookPolicyV1,
  type CompiledHookRuleV1,
  HOOK_POLICY_SCHEMA_V1,
  type HookPolicyDecisionV1,
  type HookPolicyEventV1,
} from "./compiled-hook-policy.ts";
import { GATE_EVENTS, HOOK_POLICY_EVENTS } from "./hook-policy-event.ts";
import { lintAllowWithoutEffect, lintDuplicateIds, lintRuleReachability } from "./hook-policy-lints.ts";
import type { HookPolicyToml } from "./hook-policy-schema.ts";
import { checkHookPolicyTypes } from "./hook-policy-types.ts";

/** Where the TOML came from and the clock the compilation runs at. */
export interface CompileHookPolicyOptions {
  /** The name diagnostics carry. Default: `hook-policy.toml`. */
  readonly file?: string;
  /** `compiledAt`, and the instant `expires_at` must be after. Default: now. */
  readonly now?: Date;
}

/** The compiled policy (null when there is any error) and every finding, sorted by position. */
export interface CompileHookPolicyResult {
  readonly value: CompiledHookPolicyV1 | null;
  readonly diagnostics: Diagnostic[];
}

const SUPPORTED_VERSION = 1;

/** Compiles hook policy TOML (docs/hook-policy.md) into the JSON the hook loads, with located diagnostics. */
export function compileHookPolicy(text: string, options: CompileHookPolicyOptions = {}): CompileHookPolicyResult {
  const file = options.file ?? "hook-policy.toml";
  const now = options.now ?? new Date();
  const parsed = parseToml(text);
  if (!parsed.ok) {
    const { message, line, column } = parsed.error;
    const diagnostic = { code: "toml-syntax", severity: "error", message, file, line, column, keyPath: null } as const;
    return { value: null, diagnostics: [diagnostic] };
  }
  const site: PolicySite = { file, document: parsed.document };
  const typed = checkHookPolicyTypes(parsed.document.value);
  const findings: Finding[] = [...typed.findings];
  const top = typed.value.top;

  if (top) findings.push(...checkTopLevel(top, now));
  const defaultTier = top?.default_tier;
  const tiers = compileHookTiers(typed.value.tiers, defaultTier);
  findings.push(...tiers.findings);
  const knownTiers = [...new Set([...typed.value.tiers.map(([name]) => name), ...(defaultTier ? [defaultTier] : [])])];
  const eventDefaults = resolveEventDefaults(top);
  const tierDefaults = new Map(typed.value.tiers.map(([name, tier]) => [name, tier?.default ?? null]));

  const rules: CompiledHookRuleV1[] = [];
  const ids: Array<{ id: string; path: Array<string | number>; line: number | null }> = [];
  typed.value.rules.forEach((rule, index) => {
    if (rule === null) return;
    const path = ["rules", index];
    ids.push({ id: rule.id, path, line: parsed.document.valuePositionOf([...path, "id"])?.line ?? null });
    const compiled = compileHookRule(rule, path, knownTiers);
    findings.push(...compiled.findings);
    findings.push(...lintRuleReachability(rule, path));
    if (top) findings.push(...lintAllowWithoutEffect(rule, path, eventDefaults, tierDefaults));
    if (compiled.value) rules.push(compiled.value);
  });
  findings.push(...lintDuplicateIds(ids));

  const diagnostics = findings.map((finding) => diagnosticAt(site, finding)).sort(byPosition);
  if (!top || diagnostics.some((diagnostic) => diagnostic.severity === "error")) return { value: null, diagnostics };
  const body = {
    schema: HOOK_POLICY_SCHEMA_V1,
    expiresAt: top.expires_at === undefined ? null : new Date(top.expires_at).toISOString(),
    failClosed: top.fail_closed ?? false,
    default: top.default,
    unanalysable: top.unanalysable ?? (top.default === "deny" ? "deny" : "log"),
    eventDefaults,
    defaultTier: defaultTier ?? null,
    tiers: tiers.value,
    rules,
  } as const;
  const revision = `sha256:${sha256Hex(JSON.stringify(body))}`;
  const { schema, ...rest } = body;
  return { value: { schema, revision, compiledAt: now.toISOString(), ...rest }, diagnostics };
}

/** The decision for a call no rule matches, per event: `default` for the gate events, else allow. */
function resolveEventDefaults(
  top: Pick<HookPolicyToml, "default" | "event_defaults"> | null,
): Record<HookPolicyEventV1, HookPolicyDecisionV1> {
  const out = {} as Record<HookPolicyEventV1, HookPolicyDecisionV1>;
  for (const event of HOOK_POLICY_EVENTS) {
    const fallback = top && GATE_EVENTS.includes(event) ? top.default : "allow";
    out[event] = top?.event_defaults?.[event] ?? fallback;
  }
  return out;
}

function checkTopLevel(top: Omit<HookPolicyToml, "rules" | "tiers">, now: Date): Finding[] {
  const out: Finding[] = [];
  if (top.version !== SUPPORTED_VERSION)
    out.push({
      code: "hook-policy-version",
      severity: "error",
      message: `unsupported version ${top.version}; this Warden reads version ${SUPPORTED_VERSION}`,
      path: ["version"],
    });
  if (top.expires_at !== undefined) {
    const at = Date.parse(top.expires_at);
    const hasOffset = /(?:[zZ]|[+-]\d{2}:\d{2})$/.test(top.expires_at);
    if (Number.isNaN(at) || !hasOffset)
      out.push({
        code: "hook-policy-type",
        severity: "error",
        message: "expected a date-time with a UTC offset such as 2027-01-01T00:00:00Z",
        path: ["expires_at"],
      });
    else if (at <= now.getTime())
      out.push({
        code: "hook-policy-expired",
        severity: "error",
        message: `the policy expired at ${new Date(at).toISOString()}; hooks would refuse to load it`,
        path: ["expires_at"],
      });
  }
  if (top.default_tier !== undefined && !/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(top.default_tier))
    out.push({
      code: "hook-policy-id",
      severity: "error",
      message: "a tier name is letters, digits, `.`, `_` and `-`, starting with a letter or digit",
      path: ["default_tier"],
    });
  return out;
}

function byPosition(a: Diagnostic, b: Diagnostic): number {
  return (a.line ?? 0) - (b.line ?? 0) || (a.column ?? 0) - (b.column ?? 0) || severityOrder(a) - severityOrder(b);
}

function severityOrder(diagnostic: Diagnostic): number {
  return diagnostic.severity === "error" ? 0 : diagnostic.severity === "warning" ? 1 : 2;
}
