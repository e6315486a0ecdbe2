import { normalizeGitRemote } from "./git-remote.ts";
import type { PreparedPolicy, PreparedTier } from "./prepare-hook-policy.ts";
import type { ToolCall } from "./tool-call.ts";
import { globMatches, normalizeAbsolute, type TouchedPath, touchedPath } from "./touched-path.ts";

/**
 * The trust tier of the repository a call runs in: the first tier in file order whose path globs
 * match the repository root or the cwd, or whose remote patterns match the normalized remote URL;
 * else the policy's `defaultTier`. The remote of the previous call is remembered (the hook sees
 * one repository per process, a long-lived caller mostly the same few).
 */
export function resolveTier(prepared: PreparedPolicy, call: ToolCall): PreparedTier | null {
  const { tiers } = prepared;
  if (tiers.length === 0) return prepared.defaultTier;
  const home = call.home ? normalizeAbsolute(call.home) : null;
  const places: TouchedPath[] = [touchedPath(call.cwd, "/", home, "/")];
  if (call.repo) places.push(touchedPath(call.repo.root, "/", home, "/"));
  const remoteUrl = call.repo?.remoteUrl;
  const remote = remoteUrl ? normalizedRemote(remoteUrl) : null;
  for (const tier of tiers) {
    for (const glob of tier.paths) {
      for (const place of places) if (globMatches(glob, place)) return tier;
    }
    if (tier.remotes !== null && remote !== null && tier.remotes.test(remote)) return tier;
  }
  return prepared.defaultTier;
}

let lastUrl = "";
let lastRemote: string | null = null;

function normalizedRemote(url: string): string | null {
  if (url !== lastUrl) {
    lastRemote = normalizeGitRemote(url);
    lastUrl = url;
  }
  return lastRemote;
}
