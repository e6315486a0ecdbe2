// Prints, field by field, where `warden explain` differs from Codex's recorded answer for scenarios.
// Usage: npx tsx test/conformance/diff-scenario.ts NAME_SUBSTRING...
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { runWardenScenario } from "./run-warden-scenario.ts";

const SCENARIOS = join(import.meta.dirname, "scenarios");
type Json = Record<string, unknown>;

function differences(recorded: Json, actual: Json): string[] {
  const skip = new Set((recorded.unobserved as string[] | undefined) ?? []);
  const out: string[] = [];
  const compare = (label: string, expected: unknown, got: unknown) => {
    const [e, g] = [JSON.stringify(expected), JSON.stringify(got)];
    if (e !== g) out.push(`-- ${label}\n  warden: ${g}\n  codex:  ${e}`);
  };
  for (const field of ["error", "requirements", "origins", "warnings"]) {
    if (skip.has(field)) continue;
    if (field === "error") compare(field, String(recorded.error ?? "").trimEnd(), String(actual.error ?? "").trimEnd());
    else compare(field, recorded[field], actual[field]);
  }
  const effective = (recorded.effective ?? {}) as Json;
  for (const key of Object.keys(effective)) {
    if (!skip.has(`effective.${key}`))
      compare(`effective.${key}`, effective[key], (actual.effective as Json | null)?.[key]);
  }
  return out;
}

for (const name of readdirSync(SCENARIOS).filter((n) => process.argv.slice(2).some((part) => n.includes(part)))) {
  const recorded = JSON.parse(readFileSync(join(SCENARIOS, name, "codex.json"), "utf8")) as Json;
  const warden = await runWardenScenario(join(SCENARIOS, name));
  const diffs = differences(recorded, warden.result ?? {});
  console.log(
    `=== ${name}: ${diffs.length === 0 ? "same" : `${diffs.length} difference(s)`}${warden.stderr ? `\n${warden.stderr}` : ""}`,
  );
  for (const diff of diffs) console.log(diff);
}
