import { describe, expect, it } from "vitest";
import type { TomlTable } from "../toml/toml-value.ts";
import { mergeTomlValues, normalizeHost } from "./merge-toml.ts";

const cases: Array<{ name: string; base: TomlTable; overlay: TomlTable; merged: TomlTable }> = [
  {
    name: "tables merge key by key, higher wins per leaf (stack test: features)",
    base: { features: { beta: false, shared: false } },
    overlay: { features: { alpha: true, shared: true } },
    merged: { features: { beta: false, shared: true, alpha: true } },
  },
  { name: "arrays are replaced, even by an empty one", base: { a: ["x", "y"] }, overlay: { a: [] }, merged: { a: [] } },
  { name: "a scalar replaces a table", base: { a: { b: 1n } }, overlay: { a: "s" }, merged: { a: "s" } },
  { name: "a table replaces a scalar", base: { a: "s" }, overlay: { a: { b: 1n } }, merged: { a: { b: 1n } } },
  {
    // Observed from the binary: user `[mcp_servers.docs]` + `-c mcp_servers={}` keeps `docs` (the newer
    // source clears it).
    name: "an empty table merges to nothing (observed)",
    base: { mcp_servers: { docs: { command: "uvx" } } },
    overlay: { mcp_servers: {} },
    merged: { mcp_servers: { docs: { command: "uvx" } } },
  },
  // Observed from the binary (config/read merged config): user `exclude = ["A"]` + `-c filters={B=…}`
  // ⇒ only `filters`; user `filters = {C=…}` + `-c exclude=["Q"]` ⇒ only `exclude`.
  {
    name: "shell_environment_policy: filters displace legacy arrays (observed)",
    base: { shell_environment_policy: { exclude: ["A"], include_only: ["Z"], inherit: "all" } },
    overlay: { shell_environment_policy: { filters: { B: "include" } } },
    merged: { shell_environment_policy: { inherit: "all", filters: { B: "include" } } },
  },
  {
    name: "shell_environment_policy: legacy arrays displace filters (observed)",
    base: { shell_environment_policy: { filters: { C: "exclude" } } },
    overlay: { shell_environment_policy: { exclude: ["Q"] } },
    merged: { shell_environment_policy: { exclude: ["Q"] } },
  },
  {
    name: "shell_environment_policy: both filters tables merge lower-cased (observed b/c)",
    base: { shell_environment_policy: { filters: { C: "exclude" } } },
    overlay: { shell_environment_policy: { filters: { B: "include" } } },
    merged: { shell_environment_policy: { filters: { c: "exclude", b: "include" } } },
  },
  {
    name: "structured feature: a boolean sets `enabled` of a lower table (observed)",
    base: { features: { network_proxy: { enabled: true } } },
    overlay: { features: { network_proxy: false } },
    merged: { features: { network_proxy: { enabled: false } } },
  },
  {
    name: "structured feature: a table over a boolean keeps it as `enabled`",
    base: { features: { sleep_tool: false } },
    overlay: { features: { sleep_tool: { extra: 1n } } },
    merged: { features: { sleep_tool: { enabled: false, extra: 1n } } },
  },
  {
    name: "a plain feature is replaced, not structured",
    base: { features: { goals: { enabled: true } } },
    overlay: { features: { goals: false } },
    merged: { features: { goals: false } },
  },
  {
    name: "network domains are host-normalized before merging (observed: example.com = deny)",
    base: { permissions: { p: { network: { domains: { "Example.COM.": "allow" } } } } },
    overlay: { permissions: { p: { network: { domains: { "example.com:443": "deny" } } } } },
    merged: { permissions: { p: { network: { domains: { "example.com": "deny" } } } } },
  },
  {
    name: "key aliases are renamed on both sides (canonical wins)",
    base: { agents: { max_threads: 3n } },
    overlay: {
      agents: { max_concurrent_threads_per_session: 5n },
      memories: { no_memories_if_mcp_or_web_search: true },
    },
    merged: { agents: { max_concurrent_threads_per_session: 5n }, memories: { disable_on_external_context: true } },
  },
];

describe("mergeTomlValues", () => {
  it.each(cases)("$name", ({ base, overlay, merged }) => {
    expect(mergeTomlValues(structuredClone(base), overlay)).toEqual(merged);
  });

  it("does not alias the overlay", () => {
    const overlay = { t: { list: [1n] } };
    const merged = mergeTomlValues({}, overlay) as { t: { list: bigint[] } };
    merged.t.list.push(2n);
    expect(overlay.t.list).toEqual([1n]);
  });

  it("keeps `__proto__` as an ordinary key", () => {
    const overlay = JSON.parse('{"__proto__": {"x": 1}}') as TomlTable;
    const merged = mergeTomlValues({}, overlay) as TomlTable;
    expect(Object.hasOwn(merged, "__proto__")).toBe(true);
  });
});

describe("normalizeHost", () => {
  it.each([
    ["Example.COM.", "example.com"],
    ["example.com:443", "example.com"],
    ["[::1]:80", "::1"],
    ["fe80::1", "fe80::1"],
  ])("%s ⇒ %s", (host, expected) => expect(normalizeHost(host)).toBe(expected));
});
