import { type SpoolRecordDraft, type SpoolRecordV1, sealSpoolRecord } from "@warden/core";

/** The values the seeded events cycle through, so every filter selects a known subset. */
export const USERS = ["alice", "bob", "carol"] as const;
export const REPOS = ["git@example.com:a/one.git", "git@example.com:a/two.git", null] as const;
export const TIERS = ["trusted", "untrusted"] as const;
export const TOOLS = ["Bash", "Edit", "Write", "mcp__fs__read"] as const;
export const DECISIONS = ["allow", "log", "deny"] as const;
export const RULES = ["no-rm", "no-curl", "log-edits", null] as const;

const BASE = Date.parse("2026-05-01T00:00:00.000Z");

/** Draft fields of event `n` (0-based, unique time `BASE + n s`), cycling through the values above. */
export function seededDraft(n: number): SpoolRecordDraft {
  const repo = REPOS[n % REPOS.length]!;
  return {
    time: new Date(BASE + n * 1000).toISOString(),
    event: "PreToolUse",
    tool: TOOLS[n % TOOLS.length]!,
    input: { command: `echo ${n}` },
    decision: DECISIONS[n % DECISIONS.length]!,
    ruleId: RULES[n % RULES.length]!,
    reason: `event ${n}`,
    failure: null,
    sessionId: "s1",
    turnId: null,
    toolUseId: `t${n}`,
    cwd: "/work",
    repo: repo === null ? null : { root: "/work", remoteUrl: repo, branch: "main" },
    tier: TIERS[n % TIERS.length]!,
    user: USERS[n % USERS.length]!,
    host: "host-1",
    policyRevision: "7",
    latencyMs: 3,
  };
}

/** A device's chain of records seq 1…count, built from `draftOf(seq)`. */
export function chain(
  deviceId: string,
  count: number,
  draftOf: (seq: number) => SpoolRecordDraft = (seq) => seededDraft(seq),
): SpoolRecordV1[] {
  const records: SpoolRecordV1[] = [];
  let prevHash: string | null = null;
  for (let seq = 1; seq <= count; seq++) {
    const record = sealSpoolRecord(draftOf(seq), { deviceId, seq, prevHash });
    records.push(record);
    prevHash = record.hash;
  }
  return records;
}
