import { ExitCode, type ExitCodeValue } from "../exit-codes.ts";
import { CliFailure, type CommandContext } from "./command-context.ts";
import { serverAndToken } from "./run-ship.ts";

/** The flags of `warden audit query`. */
export interface AuditQueryFlags {
  server?: string;
  token?: string;
  since?: string;
  until?: string;
  user?: string;
  device?: string;
  chain?: string;
  repo?: string;
  tier?: string;
  tool?: string;
  decision?: string;
  rule?: string;
  limit?: string;
  cursor?: string;
  json?: boolean;
}

interface EventRow {
  time: string;
  /** The enrolled device the event's chain is bound to; null when only an API key shipped it. */
  deviceId: string | null;
  chainId: string;
  seq: number;
  user: string | null;
  tool: string | null;
  decision: string;
  ruleId: string | null;
  repository: string | null;
  reason: string;
}

const UNITS: Record<string, number> = { s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** An ISO-8601 time, or `<n><s|m|h|d>` meaning that long before `now`. */
export function parseSince(value: string, now: Date, flag: string): string {
  const relative = /^(\d+)([smhd])$/.exec(value);
  if (relative) return new Date(now.getTime() - Number(relative[1]) * UNITS[relative[2]!]!).toISOString();
  if (Number.isNaN(Date.parse(value))) {
    throw new CliFailure(ExitCode.usage, `${flag} ${value}: expected an ISO-8601 time or a duration (30m, 2h, 7d)`);
  }
  return value;
}

function buildQuery(flags: AuditQueryFlags): URLSearchParams {
  const query = new URLSearchParams();
  const now = new Date();
  if (flags.since) query.set("from", parseSince(flags.since, now, "--since"));
  if (flags.until) query.set("to", parseSince(flags.until, now, "--until"));
  const pairs = [
    ["user", flags.user],
    ["deviceId", flags.device],
    ["chainId", flags.chain],
    ["repository", flags.repo],
    ["tier", flags.tier],
    ["tool", flags.tool],
    ["decision", flags.decision],
    ["rule", flags.rule],
    ["limit", flags.limit],
    ["cursor", flags.cursor],
  ] as const;
  for (const [name, value] of pairs) if (value !== undefined) query.set(name, value);
  return query;
}

/** Queries `GET /v1/audit/events` and prints a table (or the page as JSON). Exit 3 when the server fails. */
export async function runAuditQuery(flags: AuditQueryFlags, context: CommandContext): Promise<ExitCodeValue> {
  const { io } = context;
  const { server, token } = serverAndToken(flags, context);
  const url = new URL(`/v1/audit/events?${buildQuery(flags)}`, server);
  let response: Response;
  try {
    response = await fetch(url, { headers: { authorization: `Bearer ${token}` }, signal: AbortSignal.timeout(30_000) });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    throw new CliFailure(ExitCode.environment, `cannot reach ${url.origin} (${cause})`);
  }
  const text = await response.text();
  if (!response.ok) {
    let message = text.slice(0, 500);
    try {
      message = (JSON.parse(text) as { message: string }).message;
    } catch {
      // not JSON
    }
    const code = response.status === 400 ? ExitCode.usage : ExitCode.environment;
    throw new CliFailure(code, `the server answered ${response.status}: ${message}`);
  }
  if (flags.json) {
    io.stdout(`${text.trimEnd()}\n`);
    return ExitCode.ok;
  }
  const page = JSON.parse(text) as { data: EventRow[]; nextCursor: string | null };
  for (const e of page.data) {
    const rule = e.ruleId ? ` [${e.ruleId}]` : "";
    io.stdout(
      `${e.time}  ${e.decision.padEnd(5)}  ${(e.tool ?? "-").padEnd(12)}  ${e.user ?? "-"}@${e.deviceId ?? "-"}  ${e.chainId}#${e.seq}${rule}  ${e.repository ?? ""}\n`,
    );
  }
  io.stdout(`${page.data.length} event(s)${page.nextCursor ? `; more: --cursor ${page.nextCursor}` : ""}\n`);
  return ExitCode.ok;
}
