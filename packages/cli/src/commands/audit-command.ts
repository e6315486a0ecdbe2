import type { Command } from "commander";
import type { CommandContext } from "./command-context.ts";
import type { AuditQueryFlags } from "./run-audit-query.ts";

/** `warden audit query`: the CLI of `GET /v1/audit/events`. */
export function registerAuditCommand(program: Command, context: CommandContext, setExit: (code: number) => void) {
  const audit = program.command("audit").description("The server's audit trail");
  audit
    .command("query")
    .description("List audit events newest first (GET /v1/audit/events), filtered")
    .option("--server <url>", "the control plane (env WARDEN_SERVER_URL)")
    .option("--token <key>", "an API key with audit:read (auditor, admin, owner) (env WARDEN_TOKEN)")
    .option("--since <time>", "only events at or after: ISO-8601, or a duration ago (30m, 2h, 7d)")
    .option("--until <time>", "only events before: ISO-8601, or a duration ago")
    .option("--user <name>", "only this user's events")
    .option("--device <id>", "only this enrolled device's events (every audit chain bound to it)")
    .option("--chain <id>", "only this audit chain's events (a spool's id)")
    .option("--repo <url>", "only events in this repository (remote URL, else root path)")
    .option("--tier <tier>", "only events at this trust tier")
    .option("--tool <name>", "only calls of this tool")
    .option("--decision <d>", "only allow, log or deny")
    .option("--rule <id>", "only decisions by this rule")
    .option("--limit <n>", "at most this many events (default 100)")
    .option("--cursor <c>", "start at a nextCursor a previous page printed")
    .option("--json", "print {data, nextCursor}")
    .action(async (flags: AuditQueryFlags) => {
      const { runAuditQuery } = await import("./run-audit-query.ts");
      setExit(await runAuditQuery(flags, context));
    });
}
