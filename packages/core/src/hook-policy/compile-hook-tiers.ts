import type { Finding } from "../validate/diagnostic-at.ts";
import type { CompiledHookTierV1, PathGlobV1 } from "./compiled-hook-policy.ts";
import { compileRemotePatterns } from "./git-remote.ts";
import type { TierToml } from "./hook-policy-schema.ts";
import { compilePathGlob } from "./path-glob.ts";

const TIER_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** Compiles `[tiers.*]` in file order; a tier with any bad pattern is reported and left out. */
export function compileHookTiers(
  tiers: ReadonlyArray<readonly [string, TierToml | null]>,
  defaultTier: string | undefined,
): { value: CompiledHookTierV1[]; findings: Finding[] } {
  const findings: Finding[] = [];
  const value: CompiledHookTierV1[] = [];
  for (const [name, tier] of tiers) {
    if (tier === null) continue;
    const base = ["tiers", name];
    const before = findings.length;
    if (!TIER_NAME.test(name))
      findings.push({
        code: "hook-policy-id",
        severity: "error",
        message: "a tier name is letters, digits, `.`, `_` and `-`, starting with a letter or digit",
        path: base,
        at: "key",
      });
    for (const key of ["paths", "remotes"] as const) {
      if (tier[key]?.length === 0)
        findings.push({
          code: "hook-policy-pattern",
          severity: "error",
          message: `\`${key} = []\` matches nothing; remove the key`,
          path: [...base, key],
        });
    }
    if (!tier.paths?.length && !tier.remotes?.length && name !== defaultTier)
      findings.push({
        code: "hook-policy-never-matches",
        severity: "error",
        message: `tier \`${name}\` has neither \`paths\` nor \`remotes\`, so no repository can get it`,
        path: base,
        at: "key",
      });
    const paths: PathGlobV1[] = [];
    for (const [index, glob] of (tier.paths ?? []).entries()) {
      const compiled = compilePathGlob(glob, { workspace: false });
      if (compiled.ok) paths.push(...compiled.globs);
      else
        findings.push({
          code: "hook-policy-glob",
          severity: "error",
          message: `invalid glob: ${compiled.message}`,
          path: [...base, "paths", index],
        });
    }
    let remotes: CompiledHookTierV1["remotes"] = null;
    if (tier.remotes?.length) {
      const compiled = compileRemotePatterns(tier.remotes);
      if (compiled.ok) remotes = compiled.regex;
      else
        findings.push({
          code: "hook-policy-remote",
          severity: "error",
          message: compiled.message,
          path: [...base, "remotes", compiled.index],
        });
    }
    const unanalysable = tier.unanalysable ?? (tier.default === "deny" ? "deny" : null);
    if (findings.length === before) value.push({ name, paths, remotes, default: tier.default ?? null, unanalysable });
  }
  return { value, findings };
}
