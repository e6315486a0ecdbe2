import { describe, expect, it } from "vitest";
import captured from "./decode-hooks-json.cases.json" with { type: "json" };
import { decodeHooksJson } from "./decode-hooks-json.ts";

const CAPTURED = captured.cases as unknown as ReadonlyArray<
  readonly [json: string, error: string | null, handlers: number]
>;

// Cases captured from codex 0.169.0; see the `about` text in decode-hooks-json.cases.json.
describe("decodeHooksJson reproduces serde_json's verdict and error position", () => {
  it.each(CAPTURED)("%j", (json, error, handlers) => {
    const decoded = decodeHooksJson(json);
    expect(decoded.ok ? null : decoded.error).toBe(error);
    if (decoded.ok && handlers > 0) {
      const count = [...decoded.events.values()].flat().reduce((sum, group) => sum + group.hooks.length, 0);
      expect(count).toBeGreaterThanOrEqual(handlers);
    }
  });

  it("decodes a full handler", () => {
    const decoded = decodeHooksJson(
      '{"hooks":{"PreToolUse":[{"matcher":"^Bash$","hooks":[{"type":"command","command":"c","command_windows":"w","timeout":5,"async":true,"statusMessage":"s","additionalContextLimit":9}]}]}}',
    );
    expect(decoded).toEqual({
      ok: true,
      events: new Map([
        [
          "PreToolUse",
          [
            {
              matcher: "^Bash$",
              hooks: [
                {
                  type: "command",
                  command: "c",
                  commandWindows: "w",
                  timeout: 5n,
                  async: true,
                  statusMessage: "s",
                  additionalContextLimit: 9n,
                },
              ],
            },
          ],
        ],
      ]),
    });
  });

  it("keeps MCP input numbers as serde_json's arbitrary-precision text", () => {
    const decoded = decodeHooksJson(
      '{"hooks":{"Stop":[{"hooks":[{"type":"mcp_tool","server":"s","tool":"t","input":{"n":[-0,1E3,2.50,18446744073709551616]}}]}]}}',
    );
    const handler = decoded.ok ? decoded.events.get("Stop")?.[0]?.hooks[0] : undefined;
    const n = (text: string) => ({ "$serde_json::private::Number": text });
    expect(handler).toMatchObject({ input: { n: [n("0"), n("1e+3"), n("2.50"), n("18446744073709551616")] } });
  });
});
