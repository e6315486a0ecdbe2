import type { HookResponse, RepoInfo } from "@warden/core";

/** What `warden check` found for one call. */
export interface CheckReport {
  policy: string;
  revision: string;
  event: string;
  tool: string | null;
  cwd: string;
  repo: RepoInfo | null;
  decision: "allow" | "log" | "deny";
  ruleId: string | null;
  reason: string;
  matched: ReadonlyArray<{ ruleId: string; decision: string }>;
  commands: ReadonlyArray<{ argv: string[]; text: string }>;
  unanalysable: ReadonlyArray<{ reason: string; text: string }>;
  tier: string | null;
  codexReceives: HookResponse;
}

function shellWord(word: string): string {
  return /^[A-Za-z0-9_/.,:+@%=-]+$/.test(word) ? word : `'${word.replace(/'/g, "'\\''")}'`;
}

/** Renders a check for people: the verdict first, then why, then exactly what Codex would get. */
export function renderCheckText(report: CheckReport): string {
  const lines = [
    `Decision: ${report.decision}${report.ruleId === null ? " (policy default)" : ` (rule ${report.ruleId})`}`,
    `Reason:   ${report.reason}`,
    `Event:    ${report.event}${report.tool === null ? "" : `, tool ${report.tool}`}`,
  ];
  const repo = report.repo;
  lines.push(
    repo === null
      ? `Repo:     none (${report.cwd} is not in a git repository)`
      : `Repo:     ${repo.root} (origin ${repo.remoteUrl ?? "none"}, branch ${repo.branch ?? "detached"})`,
    `Tier:     ${report.tier ?? "none"}`,
    `Policy:   ${report.policy} (revision ${report.revision})`,
    "",
  );
  if (report.matched.length === 0) lines.push("Matched rules: none");
  else {
    lines.push("Matched rules:");
    for (const rule of report.matched) lines.push(`  ${rule.ruleId} → ${rule.decision}`);
  }
  if (report.commands.length > 0 || report.unanalysable.length > 0) {
    lines.push("", "Simple commands:");
    report.commands.forEach((command, index) => {
      lines.push(`  ${index + 1}. ${command.argv.map(shellWord).join(" ")}`);
    });
    for (const part of report.unanalysable) lines.push(`  unanalysable (${part.reason}): ${part.text}`);
  }
  const answer = report.codexReceives;
  lines.push("", "Codex receives:");
  if (answer.stdout === "" && answer.exitCode === 0) lines.push("  nothing (exit 0): the call goes ahead");
  else {
    if (answer.stdout !== "") lines.push(`  stdout: ${answer.stdout.trimEnd()}`);
    if (answer.stderr !== "") lines.push(`  stderr: ${answer.stderr.trimEnd()}`);
    lines.push(`  exit ${answer.exitCode}`);
  }
  return `${lines.join("\n")}\n`;
}
