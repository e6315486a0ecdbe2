import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runWardenScenario } from "./run-warden-scenario.ts";

const SCENARIOS = join(import.meta.dirname, "scenarios");
const FIELDS = ["error", "requirements", "effective", "origins", "warnings"] as const;

interface Recorded {
  error: string | null;
  unobserved?: string[];
  [field: string]: unknown;
}

/** The fields (and `effective.*` members) a recording could not observe are skipped. */
function comparable(recorded: Recorded, field: string): boolean {
  return !(recorded.unobserved ?? []).includes(field);
}

const scenarios = readdirSync(SCENARIOS).filter((name) => existsSync(join(SCENARIOS, name, "codex.json")));

describe("conformance with the recorded Codex 0.169.0 answers", () => {
  it("has a recorded corpus", () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(60);
  });

  it.each(scenarios)("%s", async (name) => {
    const recorded = JSON.parse(readFileSync(join(SCENARIOS, name, "codex.json"), "utf8")) as Recorded;
    const warden = await runWardenScenario(join(SCENARIOS, name));
    expect(warden.stderr).toBe("");
    const actual = warden.result ?? {};
    for (const field of FIELDS) {
      if (!comparable(recorded, field)) continue;
      if (field === "error") {
        expect(String(actual.error ?? "").trimEnd(), "error").toBe(String(recorded.error ?? "").trimEnd());
        continue;
      }
      if (field === "effective" && recorded.effective && actual.effective) {
        const expected = recorded.effective as Record<string, unknown>;
        const got = actual.effective as Record<string, unknown>;
        for (const key of Object.keys(expected)) {
          if (comparable(recorded, `effective.${key}`)) expect(got[key], `effective.${key}`).toEqual(expected[key]);
        }
        continue;
      }
      expect(actual[field], field).toEqual(recorded[field]);
    }
    expect(warden.exitCode).toBe(recorded.error === null ? 0 : 1);
  });
});
