// In-process mock of the OpenAI Responses API that answers every turn with one assistant message and records the requests (used by the exec probes).
//
// Codex only calls `POST <base_url>/responses` (SSE) with a custom provider;
// with the built-in `openai` provider redirected via `openai_base_url` it first
// tries a WebSocket upgrade, which is refused with 426 so it falls back to SSE.
import http from "node:http";

const sse = (ev) => `event: ${ev.type}\ndata: ${JSON.stringify(ev)}\n\n`;

function answer(respId) {
  const itemId = `msg-${respId}`;
  const text = "oracle probe done";
  return [
    { type: "response.created", response: { id: respId } },
    { type: "response.output_item.added", item: { type: "message", role: "assistant", id: itemId, content: [] } },
    { type: "response.output_text.delta", item_id: itemId, delta: text },
    {
      type: "response.output_item.done",
      item: { type: "message", role: "assistant", id: itemId, content: [{ type: "output_text", text }] },
    },
    {
      type: "response.completed",
      response: { id: respId, usage: { input_tokens: 10, output_tokens: 5, total_tokens: 15 } },
    },
  ];
}

export async function startMockModel() {
  const requests = [];
  let counter = 0;
  const server = http.createServer((req, res) => {
    const chunks = [];
    req.on("data", (c) => chunks.push(c));
    req.on("end", () => {
      const raw = Buffer.concat(chunks).toString("utf8");
      let body = null;
      try {
        body = raw ? JSON.parse(raw) : null;
      } catch {
        body = raw;
      }
      const path = (req.url ?? "").split("?")[0];
      requests.push({ method: req.method, path, headers: req.headers, body });
      if (req.headers.upgrade) {
        res.writeHead(426, { "content-type": "application/json" });
        res.end('{"error":{"message":"websocket not supported by mock"}}');
      } else if (req.method === "POST" && path.endsWith("/responses")) {
        res.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
        for (const ev of answer(`resp-mock-${++counter}`)) res.write(sse(ev));
        res.end();
      } else {
        res.writeHead(404, { "content-type": "application/json" });
        res.end(`{"error":{"message":"mock: no route for ${req.method} ${path}"}}`);
      }
    });
  });
  await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}/v1`,
    requests,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

// The first main-agent request (the one carrying the user PROMPT and a tool list) and its tools, flattened.
// Side requests (memory extraction, titles, ...) may arrive before it.
export function firstTurnRequest(requests, prompt) {
  const main = requests.find(
    (r) =>
      r.method === "POST" &&
      r.body &&
      typeof r.body === "object" &&
      (Array.isArray(r.body.tools) || r.body.input?.some?.((it) => it.type === "additional_tools")) &&
      JSON.stringify(r.body.input ?? null).includes(prompt),
  );
  if (!main) return null;
  const tools = [];
  const collect = (list) => {
    for (const t of list ?? []) {
      if (t.type === "namespace") collect(t.tools);
      else tools.push(t);
    }
  };
  collect(main.body.tools);
  let codeMode = false;
  for (const it of main.body.input ?? []) {
    if (it.type === "additional_tools") {
      codeMode = true;
      collect(it.tools);
    }
  }
  return { body: main.body, headers: main.headers, tools, codeMode };
}
