import { readdirSync, readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { parseToml } from "../../toml/parse-toml.ts";
import type { TomlTable } from "../../toml/toml-value.ts";
import { REQUIREMENTS_TOP_LEVEL_KEYS } from "../requirements-schema.ts";
import { formatCodexJson, formatRustFloat } from "./codex-json-format.ts";
import { resolveCodexPath, toFileUrl } from "./codex-paths.ts";
import { formatConfigRequirementsJson, toConfigRequirementsJson } from "./config-requirements-json.ts";
import { REQUIREMENTS_FIELDS } from "./config-requirements-presence.ts";
import { compareCodePoints, formatTomlDateTime } from "./toml-access.ts";

// Each fixtures/NAME.toml was placed at /etc/codex/requirements.toml (with fixtures/extra/ beside
// it) and NAME.json holds the bytes Codex 0.169.0 printed for `configRequirements.requirements`
// (fixtures/record.sh: HOME=/home/warden, cwd=/).
const FIXTURES = new URL("./fixtures/", import.meta.url);
const CONTEXT = { baseDir: "/etc/codex", homeDir: "/home/warden", cwd: "/" };
const NAMES = readdirSync(FIXTURES)
  .filter((file) => file.endsWith(".toml"))
  .map((file) => file.slice(0, -".toml".length))
  .sort();

/** A single system layer composed: the parsed file with `feature_requirements` renamed (spec §2.2). */
function composeSingleFile(text: string): TomlTable {
  const parsed = parseToml(text);
  if (!parsed.ok) throw new Error(parsed.error.message);
  const table = parsed.document.value;
  if (table.feature_requirements !== undefined) {
    table.features = table.feature_requirements;
    delete table.feature_requirements;
  }
  return table;
}

function fixture(name: string): { composed: TomlTable; expected: string } {
  const composed = composeSingleFile(readFileSync(new URL(`${name}.toml`, FIXTURES), "utf8"));
  return { composed, expected: readFileSync(new URL(`${name}.json`, FIXTURES), "utf8") };
}

// Codex keeps these maps in Rust HashMaps, so their order differs from run to run; Warden sorts them.
function sortHashMaps(requirements: Record<string, unknown> | null): unknown {
  if (!requirements) return requirements;
  const sort = (map: unknown) =>
    map && typeof map === "object"
      ? Object.fromEntries(Object.entries(map).sort(([a], [b]) => compareCodePoints(a, b)))
      : map;
  const providers = sort(requirements.modelProviders) as Record<string, Record<string, unknown>> | null;
  for (const provider of Object.values(providers ?? {})) {
    for (const key of ["query_params", "http_headers", "env_http_headers"]) provider[key] = sort(provider[key]);
  }
  const otel = requirements.otel as Record<string, unknown> | null;
  if (otel) {
    otel.span_attributes = sort(otel.span_attributes);
    for (const key of ["exporter", "trace_exporter", "metrics_exporter"]) {
      const exporter = otel[key];
      if (exporter && typeof exporter === "object") {
        for (const variant of Object.values(exporter) as Record<string, unknown>[])
          variant.headers = sort(variant.headers);
      }
    }
  }
  return { ...requirements, modelProviders: providers };
}

function expectedText(raw: string): string {
  const parsed = JSON.parse(raw) as Record<string, unknown> | null;
  return parsed && (parsed.modelProviders || parsed.otel) ? JSON.stringify(sortHashMaps(parsed)) : raw;
}

describe("toConfigRequirementsJson against Codex 0.169.0 output", () => {
  it("has a recorded output for at least 40 requirement files", () => {
    expect(NAMES.length).toBeGreaterThanOrEqual(40);
    for (const name of NAMES) expect(() => readFileSync(new URL(`${name}.json`, FIXTURES))).not.toThrow();
  });

  it.each(NAMES)("%s: prints the same bytes", (name) => {
    const { composed, expected } = fixture(name);
    expect(formatConfigRequirementsJson(composed, CONTEXT)).toBe(expectedText(expected));
  });

  it.each(NAMES)("%s: JSON.stringify gives the same keys, order and values", (name) => {
    const { composed, expected } = fixture(name);
    const value = toConfigRequirementsJson(composed, CONTEXT);
    expect(JSON.stringify(value)).toBe(JSON.stringify(JSON.parse(expectedText(expected))));
  });
});

describe("toConfigRequirementsJson edge cases", () => {
  it("decides presence for exactly the requirements schema's top-level keys", () => {
    const canonical = REQUIREMENTS_TOP_LEVEL_KEYS.filter(
      (k) => k !== "feature_requirements" && k !== "experimental_network",
    );
    expect([...REQUIREMENTS_FIELDS].sort()).toEqual([...canonical].sort());
  });

  it("returns null for no requirements at all", () => {
    expect(toConfigRequirementsJson(null, CONTEXT)).toBeNull();
    expect(formatConfigRequirementsJson({}, CONTEXT)).toBe("null");
  });

  it("reads the network table from any of its three surfaces", () => {
    for (const surface of [
      { network_proxy: { enabled: true } },
      { experimental_network: { enabled: true } },
      { permissions: { network: { enabled: true } } },
    ] as TomlTable[]) {
      expect(toConfigRequirementsJson(surface, CONTEXT)?.network).toMatchObject({ enabled: true, domains: null });
    }
  });

  it("leaves paths the composer already resolved unchanged, and `~` literal without a home", () => {
    const composed: TomlTable = { sqlite_home: "/var/lib/codex", log_dir: "~/logs" };
    const value = toConfigRequirementsJson(composed, { baseDir: "/elsewhere", cwd: "/" });
    expect(value?.sqliteHome).toBe("file:///var/lib/codex");
    expect(value?.logDir).toBe("file:///elsewhere/~/logs");
  });

  it("defaults a provider's auth.cwd to Codex's working directory", () => {
    const composed: TomlTable = { model_providers: { p: { name: "P", auth: { command: "t" } } } };
    const providers = toConfigRequirementsJson(composed, { ...CONTEXT, cwd: "/work/./repo/" })?.modelProviders;
    expect(providers).toMatchObject({ p: { auth: { cwd: "/work/repo" } } });
  });

  it("drops chatgpt from the login methods when the workspace list has no usable entry", () => {
    const value = toConfigRequirementsJson({ allowed_chatgpt_workspaces: ["\u00a0"] }, CONTEXT);
    expect(value?.allowedLoginMethods).toEqual(["api"]);
  });
});

describe("serde_json formatting", () => {
  it.each([
    [1000, "1000.0"],
    [-0, "-0.0"],
    [0, "0.0"],
    [0.1, "0.1"],
    [1e15, "1000000000000000.0"],
    [1e16, "1e+16"],
    [1.5e300, "1.5e+300"],
    [1.2345678901234567e19, "1.2345678901234567e+19"],
    [0.00001, "0.00001"],
    [0.000001, "1e-6"],
    [2.5e-10, "2.5e-10"],
    [5e-324, "5e-324"],
    [-3, "-3.0"],
    [123456.789, "123456.789"],
  ])("formats the float %d as %s", (value, text) => {
    expect(formatRustFloat(value)).toBe(text);
  });

  it("prints integers beyond 2^53 exactly", () => {
    const composed = composeSingleFile(
      '[[hooks.Stop]]\n[[hooks.Stop.hooks]]\ntype = "mcp_tool"\nserver = "s"\ntool = "t"\ninput = { n = 9007199254740993 }\n',
    );
    expect(formatConfigRequirementsJson(composed, CONTEXT)).toContain('"input":{"n":9007199254740993}');
    expect(formatCodexJson({ a: [null, true, "x\u0001"] })).toBe('{"a":[null,true,"x\\u0001"]}');
  });

  it("normalizes TOML date-times the way the Rust toml crate displays them", () => {
    expect(formatTomlDateTime("1979-05-27 07:32:00z")).toBe("1979-05-27T07:32:00Z");
    expect(formatTomlDateTime("1979-05-27T07:32:00.100-07:00")).toBe("1979-05-27T07:32:00.1-07:00");
    expect(formatTomlDateTime("1979-05-27T07:32:00.000")).toBe("1979-05-27T07:32:00");
    expect(formatTomlDateTime("1979-05-27T07:32Z")).toBe("1979-05-27T07:32:00Z");
    expect(formatTomlDateTime("07:32:00.1234567891")).toBe("07:32:00.123456789");
    expect(formatTomlDateTime("1979-05-27")).toBe("1979-05-27");
  });
});

describe("paths and key order", () => {
  it("resolves and percent-encodes paths like url::Url::from_file_path", () => {
    expect(resolveCodexPath("a/../../../../x", "/etc/codex", undefined)).toBe("/x");
    expect(resolveCodexPath("~", "/etc/codex", "/home/u")).toBe("/home/u");
    expect(resolveCodexPath("~root/x", "/etc/codex", "/home/u")).toBe("/etc/codex/~root/x");
    expect(toFileUrl("/")).toBe("file:///");
    expect(toFileUrl("/a b/é#?%x|^[]")).toBe("file:///a%20b/%C3%A9%23%3F%25x|^[]");
  });

  it("orders map keys by code point like a Rust BTreeMap, not by UTF-16 unit", () => {
    const keys = ["\u{1F600}", "\uFFFF", "B", "a", ":x"];
    expect([...keys].sort(compareCodePoints)).toEqual([":x", "B", "a", "\uFFFF", "\u{1F600}"]);
    const value = toConfigRequirementsJson({ features: { "\u{1F600}": true, "\uFFFF": false } }, CONTEXT);
    expect(Object.keys(value?.featureRequirements as object)).toEqual(["\uFFFF", "\u{1F600}"]);
  });
});
