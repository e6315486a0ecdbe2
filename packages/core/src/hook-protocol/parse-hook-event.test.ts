import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseHookEvent } from "./parse-hook-event.ts";

const SAMPLES = join(import.meta.dirname, "testdata");

const preToolUse = {
  session_id: "s1",
  turn_id: "t1",
  transcript_path: null,
  cwd: "/repo",
  hook_event_name: "PreToolUse",
  model: "m",
  permission_mode: "default",
  tool_name: "Bash",
  tool_input: { command: "git push --force" },
  tool_use_id: "call_1",
};

describe("parseHookEvent", () => {
  it.each(readdirSync(SAMPLES).filter((f) => f.endsWith(".json")))("accepts the real Codex sample %s", (file) => {
    const parsed = parseHookEvent(readFileSync(join(SAMPLES, file), "utf8"));
    expect("event" in parsed ? parsed.event.name : parsed.error).toBe(file.split(/[-.]/)[0]);
  });

  it("normalizes the fields Warden uses", () => {
    const parsed = parseHookEvent(JSON.stringify({ ...preToolUse, extra_future_field: 1 }));
    expect("event" in parsed && parsed.event).toMatchObject({
      name: "PreToolUse",
      sessionId: "s1",
      turnId: "t1",
      cwd: "/repo",
      toolName: "Bash",
      toolInput: { command: "git push --force" },
      toolUseId: "call_1",
      prompt: null,
      stopHookActive: false,
    });
  });

  it.each([
    ["", "empty", null],
    ["  \n", "empty", null],
    ["{", "invalid_json", null],
    ["[1]", "not_object", null],
    ["null", "not_object", null],
    ['"PreToolUse"', "not_object", null],
    ["{}", "missing_field", null],
    ['{"hook_event_name":7}', "invalid_field", null],
    ['{"hook_event_name":"StopFailure"}', "unknown_event", null],
    ['{"hook_event_name":"PreModelRequest"}', "unknown_event", null],
    [JSON.stringify({ ...preToolUse, tool_use_id: undefined }), "missing_field", "PreToolUse"],
    [JSON.stringify({ ...preToolUse, tool_input: undefined }), "missing_field", "PreToolUse"],
    [JSON.stringify({ ...preToolUse, cwd: 3 }), "invalid_field", "PreToolUse"],
    [JSON.stringify({ ...preToolUse, transcript_path: 1 }), "invalid_field", "PreToolUse"],
  ])("rejects %j as %s", (stdin, code, event) => {
    const parsed = parseHookEvent(stdin);
    expect("error" in parsed && { code: parsed.error.code, event: parsed.error.event }).toEqual({ code, event });
  });

  it("names the missing field", () => {
    const parsed = parseHookEvent(JSON.stringify({ ...preToolUse, tool_use_id: undefined }));
    expect("error" in parsed && parsed.error.message).toBe("PreToolUse: missing field `tool_use_id`");
  });

  it("does not quote the input in a JSON error (it may hold a secret)", () => {
    const parsed = parseHookEvent('{"tool_input": {"command": "export TOKEN=s3cr3t-value"}, oops}');
    expect("error" in parsed && parsed.error.message).toMatch(/^stdin is not valid JSON: /);
    expect("error" in parsed && parsed.error.message).not.toContain("s3cr3t");
  });

  it("does not echo a huge unknown event name", () => {
    const parsed = parseHookEvent(JSON.stringify({ hook_event_name: "x".repeat(10_000) }));
    expect("error" in parsed && parsed.error.message.length).toBeLessThan(100);
  });
});
