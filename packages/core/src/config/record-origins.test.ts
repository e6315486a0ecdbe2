import { describe, expect, it } from "vitest";
import { TomlDateTime, type TomlTable } from "../toml/toml-value.ts";
import type { ConfigLayer, ConfigLayerName } from "./config-layer.ts";
import { recordOrigins } from "./record-origins.ts";

const USER: ConfigLayerName = { type: "user", file: "/h/config.toml", profile: null };
const FLAGS: ConfigLayerName = { type: "sessionFlags" };
const PROJECT: ConfigLayerName = { type: "project", dotCodexFolder: "/p/.codex" };

function layer(name: ConfigLayerName, config: TomlTable, disabledReason: string | null = null): ConfigLayer {
  return { name, precedence: 0, config, document: null, disabledReason };
}

// Observed from the binary: `config/read {includeLayers}` origins for the same layer contents.
const cases: Array<{ name: string; layers: ConfigLayer[]; origins: Record<string, ConfigLayerName> }> = [
  {
    name: "dotted leaves; the highest layer wins",
    layers: [layer(USER, { model: "a", mcp_servers: { docs: { command: "d" } } }), layer(FLAGS, { model: "b" })],
    origins: { model: FLAGS, "mcp_servers.docs.command": USER },
  },
  {
    name: "keys with dots and slashes are joined verbatim (projects./abs/p.trust_level)",
    layers: [layer(USER, { projects: { "/abs/p": { trust_level: "trusted" } } }), layer(FLAGS, { "i ": { " j": 2n } })],
    origins: { "projects./abs/p.trust_level": USER, "i . j": FLAGS },
  },
  {
    name: "array elements are leaves, empty containers record nothing, a date-time is one leaf",
    layers: [
      layer(FLAGS, {
        l: [1n, "a"],
        e: {},
        f: [],
        g: [[]],
        h: [{ a: 1n }],
        m: new TomlDateTime("1979-05-27", "local-date"),
      }),
    ],
    origins: { "l.0": FLAGS, "l.1": FLAGS, "h.0.a": FLAGS, m: FLAGS },
  },
  {
    name: "structured feature booleans (multi_agent_v2/sleep_tool ⇒ .enabled; network_proxy ⇒ both)",
    layers: [layer(USER, { features: { multi_agent_v2: false, sleep_tool: true, network_proxy: true, goals: true } })],
    origins: {
      "features.multi_agent_v2.enabled": USER,
      "features.sleep_tool.enabled": USER,
      "features.network_proxy": USER,
      "features.network_proxy.enabled": USER,
      "features.goals": USER,
    },
  },
  {
    name: "aliases are reported under the canonical key",
    layers: [layer(USER, { memories: { no_memories_if_mcp_or_web_search: true }, agents: { max_threads: 3n } })],
    origins: { "memories.disable_on_external_context": USER, "agents.max_concurrent_threads_per_session": USER },
  },
  {
    name: "disabled layers are skipped",
    layers: [layer(USER, { model: "a" }), layer(PROJECT, { model: "p" }, "untrusted")],
    origins: { model: USER },
  },
];

describe("recordOrigins", () => {
  it.each(cases)("$name", ({ layers, origins }) => {
    expect(recordOrigins(layers)).toEqual(origins);
  });
});
