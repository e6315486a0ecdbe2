// An in-process mock of the OpenAI Responses API that plays a scripted "model" for `codex exec`:
// each main-agent request gets the next step (a shell call, any function call, a raw output item
// or a message), and every request is recorded, so a test can read exactly what the model saw.
//
// Codex resends the whole history on every request, so the mock is stateless per conversation:
// the step index is the number of its own calls (`call_id` `mock-call-N`) already in `input`.
// Automatic approval reviews (`--approve-for-me`) are recognised by their JSON-schema output
// format (`outcome` / `risk_level`) and get the scripted verdict. Requests that offer no shell
// tool (titles, memory…) get a plain message. Same SSE shapes as Codex's own test support.
import http from "node:http";
import type { AddressInfo } from "node:net";

/** One input or output item of the Responses API (only the fields the harness reads are typed). */
export interface ResponseItem {
  readonly type: string;
  readonly call_id?: string;
  readonly name?: string;
  readonly arguments?: string;
  readonly output?: unknown;
  readonly id?: string;
  readonly [key: string]: unknown;
}

/** A request body as Codex sends it (`POST /v1/responses`). */
export interface ResponsesRequestBody {
  readonly model?: string;
  readonly input?: readonly ResponseItem[];
  readonly tools?: readonly { type: string; name?: string; tools?: readonly { name?: string }[] }[];
  readonly text?: { format?: { schema?: { properties?: Record<string, unknown> } } };
  readonly [key: string]: unknown;
}

/** One recorded request. */
export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly headers: http.IncomingHttpHeaders;
  readonly body: ResponsesRequestBody | null;
  /** What the mock answered: `step N: call NAME`, `final-message`, `guardian: allow`, `aux-message`… */
  decision: string;
}

/** A scripted model turn. */
export type ModelStep =
  | {
      /** A shell command through whichever shell tool Codex offers (`exec_command` for unknown slugs). */
      readonly shell: string;
      readonly sandboxPermissions?: "require_escalated" | "use_default";
      readonly justification?: string;
      readonly workdir?: string;
      readonly yieldTimeMs?: number;
      readonly tty?: boolean;
    }
  | {
      /** Any function tool; `arguments` may be computed from the history (e.g. a session id). */
      readonly function: string;
      /** The tool's namespace (`mcp__<server>` for MCP tools, `multi_agent_v1` for sub-agent tools). */
      readonly namespace?: string;
      readonly arguments: Record<string, unknown> | ((input: readonly ResponseItem[]) => Record<string, unknown>);
    }
  | {
      /** Raw output items emitted before a follow-up shell call in the same response. */
      readonly items: readonly Record<string, unknown>[];
      readonly thenShell: string;
    }
  | {
      /** A freeform (custom) tool call, e.g. code mode's JavaScript `exec` tool of catalog models. */
      readonly custom: string;
      readonly namespace?: string;
      readonly input: string;
    }
  | { readonly message: string };

/** The whole script. */
export interface ModelScript {
  readonly steps: readonly ModelStep[];
  readonly finalMessage?: string;
  /** Verdict of automatic approval reviews (`--approve-for-me`). Default `allow`. */
  readonly guardian?: "allow" | "deny";
  /** Sub-agent conversations: a request whose user messages contain `marker` follows these steps instead. */
  readonly agents?: readonly {
    readonly marker: string;
    readonly steps: readonly ModelStep[];
    readonly finalMessage?: string;
  }[];
}

function userText(input: readonly ResponseItem[]): string {
  return input
    .filter((item) => item.type === "message" && item.role === "user")
    .map((item) => JSON.stringify(item.content ?? ""))
    .join("\n");
}

const SHELL_TOOLS = ["exec_command", "shell_command", "shell"];
export const CALL_PREFIX = "mock-call-";

const sse = (event: Record<string, unknown>) => `event: ${event.type as string}\ndata: ${JSON.stringify(event)}\n\n`;

type ToolList = ResponsesRequestBody["tools"];

function toolNames(tools: ToolList): string[] {
  const names: string[] = [];
  for (const tool of tools ?? []) {
    if (tool.type === "namespace") for (const inner of tool.tools ?? []) names.push(inner.name ?? "?");
    else names.push(tool.name ?? tool.type);
  }
  return names;
}

/**
 * The names of the tools a request offers (namespaces flattened): the `tools` key, plus the
 * `additional_tools` input item that catalog models get instead ("code mode").
 */
export function offeredToolNames(body: ResponsesRequestBody | null): string[] {
  const extra = (body?.input ?? []).filter((item) => item.type === "additional_tools");
  return [...toolNames(body?.tools), ...extra.flatMap((item) => toolNames(item.tools as ToolList))];
}

function mockCallCount(input: readonly ResponseItem[]): number {
  return input.filter(
    (item) =>
      (item.type === "function_call" || item.type === "custom_tool_call") &&
      typeof item.call_id === "string" &&
      item.call_id.startsWith(CALL_PREFIX),
  ).length;
}

function messageEvents(respId: string, text: string): Record<string, unknown>[] {
  const id = `msg-${respId}`;
  return [
    { type: "response.output_item.added", item: { type: "message", role: "assistant", id, content: [] } },
    { type: "response.output_text.delta", item_id: id, delta: text },
    {
      type: "response.output_item.done",
      item: { type: "message", role: "assistant", id, content: [{ type: "output_text", text }] },
    },
  ];
}

function shellArguments(tool: string, step: Extract<ModelStep, { shell: string }>): Record<string, unknown> {
  const extra: Record<string, unknown> = {};
  if (step.sandboxPermissions) extra.sandbox_permissions = step.sandboxPermissions;
  if (step.justification) extra.justification = step.justification;
  if (step.workdir) extra.workdir = step.workdir;
  if (tool === "exec_command") {
    return { cmd: step.shell, yield_time_ms: step.yieldTimeMs ?? 10_000, ...(step.tty ? { tty: true } : {}), ...extra };
  }
  if (tool === "shell_command") return { command: step.shell, timeout_ms: 10_000, ...extra };
  return { command: ["bash", "-lc", step.shell], timeout_ms: 10_000, ...extra };
}

function functionCall(respId: string, index: number, name: string, args: Record<string, unknown>, namespace?: string) {
  return {
    type: "response.output_item.done",
    item: {
      type: "function_call",
      id: `fc-${respId}`,
      call_id: `${CALL_PREFIX}${index}`,
      name,
      ...(namespace === undefined ? {} : { namespace }),
      arguments: JSON.stringify(args),
    },
  };
}

function respond(script: ModelScript, body: ResponsesRequestBody | null, respId: string) {
  const events: Record<string, unknown>[] = [{ type: "response.created", response: { id: respId } }];
  const names = offeredToolNames(body);
  const shellTool = SHELL_TOOLS.find((name) => names.includes(name));
  const codeMode = names.includes("exec");
  const schema = body?.text?.format?.schema?.properties ?? {};
  let decision: string;
  if ("outcome" in schema && "risk_level" in schema) {
    const outcome = script.guardian ?? "allow";
    decision = `guardian: ${outcome}`;
    const verdict = {
      risk_level: outcome === "allow" ? "low" : "high",
      user_authorization: "high",
      outcome,
      rationale: `mock guardian verdict: ${outcome}`,
    };
    events.push(...messageEvents(respId, JSON.stringify(verdict)));
  } else if (!shellTool && !codeMode) {
    decision = "aux-message";
    events.push(...messageEvents(respId, "ok"));
  } else {
    const input = body?.input ?? [];
    const index = mockCallCount(input);
    const text = userText(input);
    const agent = script.agents?.find((candidate) => text.includes(candidate.marker));
    const steps = agent?.steps ?? script.steps;
    const step = steps[index];
    const who = agent ? `agent ${agent.marker} ` : "";
    if (step === undefined) {
      decision = `${who}final-message`;
      events.push(...messageEvents(respId, (agent ?? script).finalMessage ?? "done"));
    } else if ("message" in step) {
      decision = `${who}step ${index}: message`;
      events.push(...messageEvents(respId, step.message));
    } else if ("function" in step) {
      decision = `${who}step ${index}: call ${step.function}`;
      const args = typeof step.arguments === "function" ? step.arguments(input) : step.arguments;
      events.push(functionCall(respId, index, step.function, args, step.namespace));
    } else if ("custom" in step) {
      decision = `${who}step ${index}: call ${step.custom}`;
      const item = {
        type: "custom_tool_call",
        id: `ctc-${respId}`,
        call_id: `${CALL_PREFIX}${index}`,
        name: step.custom,
        ...(step.namespace === undefined ? {} : { namespace: step.namespace }),
        input: step.input,
      };
      events.push({ type: "response.output_item.done", item });
    } else if (shellTool === undefined) {
      throw new Error(`step ${index} needs a shell tool, and the request offers none`);
    } else if ("items" in step) {
      decision = `${who}step ${index}: ${step.items.length} raw item(s), then ${shellTool}`;
      for (const item of step.items) events.push({ type: "response.output_item.done", item });
      events.push(functionCall(respId, index, shellTool, shellArguments(shellTool, { shell: step.thenShell })));
    } else {
      decision = `${who}step ${index}: call ${shellTool}`;
      events.push(functionCall(respId, index, shellTool, shellArguments(shellTool, step)));
    }
  }
  const usage = { input_tokens: 10, output_tokens: 5, total_tokens: 15 };
  events.push({ type: "response.completed", response: { id: respId, usage } });
  return { events, decision };
}

/** A running mock: its base URL (`…/v1`), the requests so far, and `close()`. */
export interface ScriptedModel {
  readonly url: string;
  readonly requests: RecordedRequest[];
  close(): Promise<void>;
}

/** Starts the mock on an ephemeral 127.0.0.1 port. */
export async function startScriptedModel(script: ModelScript): Promise<ScriptedModel> {
  const requests: RecordedRequest[] = [];
  let counter = 0;
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let body: ResponsesRequestBody | null = null;
      try {
        body = raw ? (JSON.parse(raw) as ResponsesRequestBody) : null;
      } catch {
        body = null;
      }
      const path = (req.url ?? "").split("?")[0] ?? "";
      const entry: RecordedRequest = { method: req.method ?? "", path, headers: req.headers, body, decision: "" };
      requests.push(entry);
      if (req.headers.upgrade) {
        entry.decision = "refused-upgrade";
        res.writeHead(426, { "content-type": "application/json" });
        res.end('{"error":{"message":"websocket not supported by mock"}}');
      } else if (req.method === "POST" && path.endsWith("/responses")) {
        try {
          const { events, decision } = respond(script, body, `resp-mock-${++counter}`);
          entry.decision = decision;
          res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
          for (const event of events) res.write(sse(event));
          res.end();
        } catch (error) {
          entry.decision = `mock-error: ${(error as Error).message}`;
          res.writeHead(500, { "content-type": "application/json" });
          res.end(JSON.stringify({ error: { message: entry.decision } }));
        }
      } else {
        entry.decision = "not-found";
        res.writeHead(404, { "content-type": "application/json" });
        res.end(`{"error":{"message":"mock: no route for ${req.method} ${path}"}}`);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
