import { describe, expect, it } from "vitest";
import type { ConfigLayerName } from "../config/config-layer.ts";
import type { RequirementSource } from "../requirements/requirement-source.ts";
import {
  layerHookOrigin,
  normalizeAbsolutePath,
  requirementHookSource,
  requirementHooksFallbackPath,
} from "./hook-source.ts";

const origin = (name: ConfigLayerName) =>
  layerHookOrigin({ name, precedence: 0, config: {}, document: null, disabledReason: null }, "linux");

describe("layerHookOrigin", () => {
  it.each([
    [{ type: "system", file: "/etc/codex/config.toml" }, "system", true, "/etc/codex/config.toml", "/etc/codex"],
    [
      { type: "user", file: "/h/.codex/config.toml", profile: null },
      "user",
      false,
      "/h/.codex/config.toml",
      "/h/.codex",
    ],
    [{ type: "project", dotCodexFolder: "/p/.codex" }, "project", false, "/p/.codex/config.toml", "/p/.codex"],
    [{ type: "sessionFlags" }, "sessionFlags", false, "/<session-flags>/config.toml", null],
    [
      { type: "mdm", domain: "com.openai.codex", key: "config_toml_base64" },
      "mdm",
      true,
      "/<mdm:com.openai.codex:config_toml_base64>/config.toml",
      null,
    ],
    [
      { type: "enterpriseManaged", id: "i", name: "N" },
      "cloudManagedConfig",
      true,
      "/<enterprise-managed:N:i>/config.toml",
      null,
    ],
    [
      { type: "legacyManagedConfigTomlFromFile", file: "/etc/codex/managed_config.toml" },
      "legacyManagedConfigFile",
      true,
      "/etc/codex/managed_config.toml",
      null,
    ],
    [
      { type: "legacyManagedConfigTomlFromMdm" },
      "legacyManagedConfigMdm",
      true,
      "/<legacy-managed-config.toml-mdm>/managed_config.toml",
      null,
    ],
  ] as const)("%j", (name, source, isManaged, configPath, hooksFolder) => {
    expect(origin(name as ConfigLayerName)).toEqual({ source, isManaged, configPath, hooksFolder });
  });
});

describe("requirements hooks source", () => {
  const system: RequirementSource = { kind: "system", path: "/etc/codex/requirements.toml" };
  const cloud: RequirementSource = { kind: "cloud", id: "id<&>", name: 'Name <Admin> & "Ops"' };
  it.each([
    [system, "system", "/etc/codex/requirements.toml"],
    [
      cloud,
      "cloudRequirements",
      "/<enterprise-managed:Name &lt;Admin&gt; &amp; &quot;Ops&quot;:id&lt;&amp;&gt;>/requirements.toml",
    ],
    [{ kind: "mdm" }, "mdm", "/<mdm:com.openai.codex:requirements_toml_base64>/requirements.toml"],
    [
      { kind: "composite", sources: [cloud, system] },
      "cloudRequirements",
      "/<requirements-composition>/requirements.toml",
    ],
    [
      { kind: "legacyManagedConfigMdm" },
      "legacyManagedConfigMdm",
      "/<legacy-managed-config.toml-mdm>/managed_config.toml",
    ],
    [{ kind: "unspecified" }, "unknown", "/<managed-requirements>/requirements.toml"],
  ] as const)("%j", (source, label, path) => {
    expect(requirementHookSource(source as RequirementSource)).toBe(label);
    expect(requirementHooksFallbackPath(source as RequirementSource, "linux")).toBe(path);
  });
});

describe("normalizeAbsolutePath", () => {
  // Probed: managed_dir "/opt/guard/", "/opt/../opt/./guard" and "//opt//guard" all print as /opt/guard.
  it.each(["/opt/guard/", "/opt/../opt/./guard", "//opt//guard"])("%s", (path) => {
    expect(normalizeAbsolutePath(path, "linux")).toBe("/opt/guard");
  });
});
