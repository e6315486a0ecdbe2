/** The policy the built-hook tests decide with: recursive deletes denied, the rest allowed, failing closed. */
export const NO_RM_POLICY = `version = 1
default = "allow"
fail_closed = true

[[rules]]
id = "no-rm"
decision = "deny"
reason = "no recursive deletes"
command = ["rm", "-r"]
`;

/** A PreToolUse event for a Bash `command` run in `cwd`, as Codex 0.169.0 writes it to the hook's stdin. */
export const bashEvent = (command: string, cwd: string): string =>
  JSON.stringify({
    session_id: "s",
    turn_id: "t",
    transcript_path: null,
    cwd,
    hook_event_name: "PreToolUse",
    model: "m",
    permission_mode: "default",
    tool_name: "Bash",
    tool_input: { command },
    tool_use_id: "call_1",
  });
