import { describe, expect, it } from "vitest";
import type { HashJson } from "./hook-config.ts";
import { canonicalJson, hookIdentityHash, type NormalizedHandler } from "./hook-hash.ts";

const command = (
  text: string,
  options: Partial<{ timeout: bigint; async: boolean; statusMessage: string; additionalContextLimit: bigint }> = {},
): NormalizedHandler => ({
  type: "command",
  command: text,
  timeout: options.timeout ?? 600n,
  async: options.async ?? false,
  statusMessage: options.statusMessage ?? null,
  additionalContextLimit: options.additionalContextLimit ?? null,
});

const mcp = (
  input: { [key: string]: HashJson },
  timeout = 600n,
  statusMessage: string | null = null,
): NormalizedHandler => ({
  type: "mcp_tool",
  server: "s",
  tool: "t",
  input,
  timeout,
  statusMessage,
});

const n = (text: string) => ({ "$serde_json::private::Number": text });

/**
 * `currentHash` values Codex 0.169.0 printed in `hooks/list` (codex app-server, scratch
 * CODEX_HOME with the hook in config.toml or hooks.json, `git init`ed cwd). The handler column
 * is the hook after discovery's normalization (default timeout, clamps, dropped default limit).
 */
const CAPTURED: ReadonlyArray<
  readonly [label: string, matcher: string | null, handler: NormalizedHandler, hash: string]
> = [
  [
    "pre_tool_use",
    "^Bash$",
    command("node /opt/guard/pre.js", { timeout: 30n, statusMessage: "Checking command" }),
    "sha256:0640daea3526b0efa49a5481c15c50dbf34618791a69b1f461cee5f37d25729e",
  ],
  [
    "user_prompt_submit",
    null,
    command("echo hi"),
    "sha256:4ac11110e7e52a7ace4a63994f6a554e0c891264e3e3733d1f0541b1cd0b3b3e",
  ],
  ["pre_tool_use", null, command("one"), "sha256:966763afd2d8e77807b940f46c65577809ac0935e0c1961407525cc22a13673f"],
  ["pre_tool_use", "^ok$", command("good"), "sha256:aae5eedc9ad8be0abf446a1c44d2f833fa6d02c8be2cde1679e5596bf704e1c6"],
  [
    "permission_request",
    null,
    command("pr"),
    "sha256:4d15388a339eaf824046d8852ef32b82f318cfe51c6271cc0775e158e5f3cce1",
  ],
  // additionalContextLimit = 2500 is the default and is left out of the hash.
  ["post_tool_use", null, command("p1"), "sha256:7da3ffee891300885ad5884ca7c85a85770f8e99c3f87d5c2eba536d0adfa510"],
  [
    "post_tool_use",
    null,
    command("p2", { additionalContextLimit: 100n }),
    "sha256:793af09a0c35a3245ac2dbb5956c57b49ac5706f9016658c58ff07d36f23c5b9",
  ],
  [
    "subagent_start",
    null,
    command("sa", { additionalContextLimit: 0n }),
    "sha256:d488e7f006171bda7559f2f87a1f493d4e840aa288257ec1a61a197c92798f47",
  ],
  [
    "post_tool_use",
    null,
    command('\u0001\u001f\u007f\u2028 é "q" \\ \t\n/ 😀', { statusMessage: "" }),
    "sha256:1a226a1357ffb13933dd4c61a2773666cdbdbd75250fb58a584b7311e69ac2ad",
  ],
  // SessionEnd hooks run synchronously, but the configured `async = true` is what is hashed.
  [
    "session_end",
    null,
    command("se", { timeout: 3n, async: true }),
    "sha256:85cc6bf1e74f801175144e5422ed120b3a8fd8869fff495306752f7aecb411d1",
  ],
  [
    "interrupt",
    null,
    command("it", { timeout: 2n, async: true }),
    "sha256:a0ed26735bc37217fc14bbd5b6960e0d4568db6f2e1be579bd47a65c4ddaa090",
  ],
  ["stop", null, command("st"), "sha256:4921d484a47893e7bb8d351d5ea2cf619805927e17d5ba893e8b16277db325b2"],
  // A plugin hook hashes its command before `${PLUGIN_ROOT}` substitution.
  [
    "pre_tool_use",
    "Bash",
    command("echo ${PLUGIN_ROOT}/x ${CLAUDE_PLUGIN_DATA}", {
      timeout: 7n,
      statusMessage: "running plugin hook",
    }),
    "sha256:5b8847b5a1061d7ba916fe3f6e62d65dbf21886038c8189022e6c446789c9d6a",
  ],
  ["pre_tool_use", null, mcp({}), "sha256:512cf58fb1a288c356a4eac3a7960c4fa4beef61cd5c4259b54760eaf8665f18"],
  ["pre_tool_use", null, mcp({}, 5n, "m"), "sha256:5f7559f0a2433c864b91580249542d93376fe466fce343e419d07b581727e275"],
  ["pre_tool_use", "^ok$", mcp({}), "sha256:fd2b0540568176d01846fcf4901c96781d7a50a1fc0b61f233607f97cf515a51"],
  ["pre_tool_use", null, mcp({ a: "x" }), "sha256:6e983283329868b253b19991df61b0c1da5223edd4244799f6901cc70d32311a"],
  ["pre_tool_use", null, mcp({ b: n("1") }), "sha256:b6fb61fdd6751c72ffa3042efb46410c896f1d863a3cae15a50d0e848fbe7c13"],
  [
    "pre_tool_use",
    null,
    mcp({ n: n("1e+3") }),
    "sha256:f0c93df86c0170c63e9b2599d13da338d504d7b6ea6875d57282e02b1ef2067d",
  ],
  ["interrupt", null, mcp({}, 3n, "m"), "sha256:ebeb67638502abe97f69db5690c4ec4ef80568924e99f5b6e6cb8ad9bc4a623f"],
];

describe("hookIdentityHash reproduces Codex's currentHash", () => {
  it.each(CAPTURED)("%s %j %#", (label, matcher, handler, hash) => {
    expect(hookIdentityHash(label, matcher, handler)).toBe(hash);
  });
});

describe("canonicalJson", () => {
  it("sorts keys recursively and writes compact serde_json text", () => {
    expect(canonicalJson({ b: [{ z: 1n, a: true }], a: null, c: "\u0001é" })).toBe(
      '{"a":null,"b":[{"a":true,"z":1}],"c":"\\u0001é"}',
    );
  });

  it("orders keys by UTF-8 bytes like Rust strings, not UTF-16 units", () => {
    expect(canonicalJson({ "\u{1F600}": 1n, "\uFF5E": 2n })).toBe('{"～":2,"😀":1}');
  });
});
