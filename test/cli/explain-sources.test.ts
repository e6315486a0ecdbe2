import { afterEach, describe, expect, it } from "vitest";
import { main } from "../../packages/cli/src/main.ts";
import { tempTree } from "./built-cli.ts";

let cleanup: (() => void) | null = null;
afterEach(() => cleanup?.());

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

async function explainJson(files: Record<string, string>, ...extra: string[]) {
  const tree = tempTree({ "home/.keep": "", "etc/.keep": "", ...files });
  cleanup = tree.cleanup;
  let stdout = "";
  let stderr = "";
  const code = await main(["explain", "--json", "--etc-dir", "etc", "--codex-home", "home", "--cwd", ".", ...extra], {
    stdout: (t) => {
      stdout += t;
    },
    stderr: (t) => {
      stderr += t;
    },
    env: { HOME: tree.dir },
    cwd: tree.dir,
  });
  return { code, stderr, result: JSON.parse(stdout) };
}

// MDM and cloud layers cannot be produced on this Linux oracle, so these follow requirements-spec
// §2.1–§2.3 (layer order, composition, source display names).
describe("warden explain with MDM and cloud requirement layers", () => {
  it("reads requirements_toml_base64 from a plist, above the system file", async () => {
    const plist = `<plist version="1.0"><dict><key>requirements_toml_base64</key><string>${b64(
      'allowed_approval_policies = ["never"]\n',
    )}</string></dict></plist>`;
    const { code, result } = await explainJson(
      {
        "etc/requirements.toml": 'allowed_approval_policies = ["on-request"]\n',
        "p.plist": plist,
        "home/config.toml": 'approval_policy = "on-request"\n',
      },
      "--mdm-plist",
      "p.plist",
    );
    expect(code).toBe(0);
    expect(result.requirements.allowedApprovalPolicies).toEqual(["never"]);
    expect(result.effective.approvalPolicy).toBe("never");
    expect(result.warnings).toContain(
      "Configured value for `approval_policy` is disallowed by requirements; falling back to required value Never. Details: invalid value for `approval_policy`: `OnRequest` is not in the allowed set [Never] (set by MDM com.openai.codex:requirements_toml_base64)",
    );
  });

  it("composes cloud fragments (highest first) between the system file and MDM, naming them in messages", async () => {
    const { result } = await explainJson(
      {
        "high.json": JSON.stringify({
          id: "req_high",
          name: "High",
          contents: 'allowed_web_search_modes = ["disabled"]\n',
        }),
        "low.json": JSON.stringify({ id: "req_low", name: "Low", contents: "[features]\nmemories = false\n" }),
        "home/config.toml": 'web_search = "live"\n',
      },
      "--cloud-requirements",
      "high.json",
      "--cloud-requirements",
      "low.json",
    );
    expect(result.requirements.allowedWebSearchModes).toEqual(["disabled"]);
    expect(result.requirements.featureRequirements).toEqual({ memories: false });
    expect(result.warnings).toContain(
      "Configured value for `web_search_mode` is disallowed by requirements; falling back to required value Disabled. Details: invalid value for `web_search_mode`: `Live` is not in the allowed set [Disabled] (set by enterprise-managed requirements High (req_high))",
    );
  });

  it("drops local-only keys from cloud fragments", async () => {
    const { result } = await explainJson(
      { "c.toml": 'allowed_login_methods = ["api"]\nallowed_approval_policies = ["on-request"]\n' },
      "--cloud-requirements",
      "c.toml",
    );
    expect(result.requirements.allowedLoginMethods).toEqual(["api", "chatgpt"]);
  });

  it("reports an MDM value that is not base64 as Codex's startup error, with Rust's text", async () => {
    const plist = "<plist><dict><key>requirements_toml_base64</key><string>not base64!</string></dict></plist>";
    const { code, stderr, result } = await explainJson({ "p.plist": plist }, "--mdm-plist", "p.plist");
    expect(code).toBe(1);
    expect(stderr).toBe("");
    expect(result.error).toBe("Invalid symbol 32, offset 3.");
  });
});
