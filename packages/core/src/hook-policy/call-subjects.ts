import { TOOL_EVENTS } from "./hook-policy-event.ts";
import type { ShellAnalyzer, SimpleCommand } from "./shell-analysis.ts";
import type { ToolCall } from "./tool-call.ts";
import { SHELL_TOOLS } from "./tool-names.ts";

/** What a subject is: one simple command, a patch, an MCP call, or the call as a whole. */
export type SubjectKind = "command" | "patch" | "mcp" | "call";

/** One part of a call that rules are checked against; paths and hosts are filled in when a rule needs them. */
export interface CallSubject {
  readonly kind: SubjectKind;
  readonly command: SimpleCommand | null;
  /** The argv joined by single spaces ("" when there is no command). */
  readonly joined: string;
  /** Whether the event's default applies when no rule matches this subject. */
  readonly defaultApplies: boolean;
}

/** The subjects of a call, plus the shell analysis the verdict reports. */
export interface CallParts {
  readonly subjects: CallSubject[];
  readonly commands: SimpleCommand[];
  readonly unanalysable: Array<{ reason: string; text: string }>;
  /** The patch text of an apply_patch call, else null. */
  readonly patch: string | null;
}

const WHOLE_CALL: CallSubject = { kind: "call", command: null, joined: "", defaultApplies: true };

function stringField(input: unknown, ...keys: string[]): string | null {
  if (typeof input !== "object" || input === null) return null;
  for (const key of keys) {
    const value = (input as Record<string, unknown>)[key];
    if (typeof value === "string") return value;
  }
  return null;
}

/**
 * Splits a call into what rules are checked against (hooks-execpolicy-spec §1.5, §1.8): each
 * simple command of a shell call (`tool_input.command`), the patch of `apply_patch`
 * (`tool_input.command`, or `input`/`patch`), an MCP call as one subject, anything else (and
 * events without a tool) as the whole call.
 */
export function callParts(call: ToolCall, shell: ShellAnalyzer): CallParts {
  const tool = TOOL_EVENTS.includes(call.event) ? call.toolName : null;
  if (tool !== null && SHELL_TOOLS.has(tool)) {
    const script = stringField(call.toolInput, "command");
    if (script === null) {
      const unanalysable = [{ reason: "no command in tool_input", text: "" }];
      return { subjects: [{ ...WHOLE_CALL, defaultApplies: false }], commands: [], unanalysable, patch: null };
    }
    const analysis = shell.analyzeShellCommand(script);
    const subjects = analysis.commands.map(
      (command): CallSubject => ({ kind: "command", command, joined: command.argv.join(" "), defaultApplies: true }),
    );
    if (subjects.length === 0) subjects.push({ ...WHOLE_CALL, defaultApplies: analysis.unanalysable.length === 0 });
    return { subjects, commands: analysis.commands, unanalysable: analysis.unanalysable, patch: null };
  }
  if (tool === "apply_patch") {
    const patch = stringField(call.toolInput, "command", "input", "patch");
    const subject: CallSubject = { kind: "patch", command: null, joined: "", defaultApplies: true };
    const unanalysable = patch === null ? [{ reason: "no patch text in tool_input", text: "" }] : [];
    return { subjects: [subject], commands: [], unanalysable, patch };
  }
  if (tool?.startsWith("mcp__")) {
    return {
      subjects: [{ kind: "mcp", command: null, joined: "", defaultApplies: true }],
      commands: [],
      unanalysable: [],
      patch: null,
    };
  }
  return { subjects: [WHOLE_CALL], commands: [], unanalysable: [], patch: null };
}
