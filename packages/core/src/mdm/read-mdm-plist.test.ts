import { describe, expect, it } from "vitest";
import { readMdmPlist } from "./read-mdm-plist.ts";

const b64 = (text: string) => Buffer.from(text, "utf8").toString("base64");

describe("readMdmPlist", () => {
  it("reads both Codex keys from a preference-domain plist", () => {
    const xml = `<?xml version="1.0"?><plist version="1.0"><dict>
      <key>requirements_toml_base64</key><string>${b64('allowed_approval_policies = ["on-request"]')}</string>
      <key>config_toml_base64</key><string>${b64('model = "gpt"')}</string>
      <key>other</key><string>ignored</string></dict></plist>`;
    expect(readMdmPlist(xml)).toEqual({
      value: {
        requirementsTomlBase64: b64('allowed_approval_policies = ["on-request"]'),
        configTomlBase64: b64('model = "gpt"'),
      },
    });
  });

  it("reads <data> values and XML entities", () => {
    const xml = `<plist><dict><key>requirements_toml_base64</key><data>
      ${b64("a = 1")}
    </data><key>config_toml_base64</key><string>a&amp;b</string></dict></plist>`;
    expect(readMdmPlist(xml)).toEqual({ value: { requirementsTomlBase64: b64("a = 1"), configTomlBase64: "a&b" } });
  });

  it("rejects input that is not a plist", () => {
    expect(readMdmPlist("requirements_toml_base64 = x")).toEqual({
      error: "not an XML property list (no <plist> element)",
    });
  });
});
