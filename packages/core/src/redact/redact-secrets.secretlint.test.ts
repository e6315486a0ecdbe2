import { lintSource } from "@secretlint/core";
import { creator as presetRecommend } from "@secretlint/secretlint-rule-preset-recommend";
import { describe, expect, it } from "vitest";
import { NEGATIVE_SAMPLES } from "./corpus/negative-samples.ts";
import { buildPositiveSamples } from "./corpus/positive-samples.ts";
import { redactSecrets } from "./redact-secrets.ts";

// Oracle: secretlint 12's recommended preset, an established scanner. Whatever it flags in the
// corpus, Warden must redact too (Warden may find more: generic names, JWTs, URLs, CLI flags).
const config = { rules: [{ id: "@secretlint/secretlint-rule-preset-recommend", rule: presetRecommend }] };

// Negative samples secretlint flags and Warden deliberately leaves alone, with the reason.
const DELIBERATE: ReadonlyMap<string, string> = new Map([
  ["-placeholder vendor github", "ghp_ followed by 36 x: a documentation mask, not a credential"],
  [
    "-placeholder vendor slack",
    "xoxb-your-bot-token: a placeholder with no digits, real Slack tokens carry numeric ids",
  ],
]);

async function secretlintRanges(content: string): Promise<{ ruleId: string; range: readonly [number, number] }[]> {
  const result = await lintSource({
    source: { filePath: "/corpus/sample.txt", content, contentType: "text" },
    options: { config, noPhysicFilePath: true },
  });
  return result.messages.map((message) => ({ ruleId: message.ruleId, range: message.range }));
}

describe("secretlint oracle", () => {
  it("every secret secretlint flags in the corpus is redacted by Warden", async () => {
    const texts = [
      ...buildPositiveSamples().map((sample) => ({ label: `+${sample.rule}`, text: sample.text })),
      ...NEGATIVE_SAMPLES.map((sample) => ({ label: `-${sample.note}`, text: sample.text })),
    ];
    let secretlintSamples = 0;
    let wardenSamples = 0;
    let bothSamples = 0;
    let secretlintFindings = 0;
    let coveredFully = 0;
    const missed: string[] = [];
    const deliberate: string[] = [];
    const flaggedNegatives: string[] = [];
    for (const { label, text } of texts) {
      const theirs = await secretlintRanges(text);
      const ours = redactSecrets(text).findings;
      if (theirs.length > 0) secretlintSamples++;
      if (ours.length > 0) wardenSamples++;
      if (theirs.length > 0 && ours.length > 0) bothSamples++;
      if (theirs.length > 0 && label.startsWith("-")) flaggedNegatives.push(`${label} ${JSON.stringify(text)}`);
      for (const { ruleId, range } of theirs) {
        secretlintFindings++;
        const [start, end] = range;
        if (ours.some((f) => f.start <= start && f.end >= end)) coveredFully++;
        // secretlint's ranges sometimes start at the variable name: overlap is the fair test.
        if (!ours.some((f) => f.start < end && f.end > start)) {
          const line = `${label} ${ruleId} ${JSON.stringify(text.slice(start, end))}`;
          if (DELIBERATE.has(label)) deliberate.push(`${line}: ${DELIBERATE.get(label)}`);
          else missed.push(`${line} in ${JSON.stringify(text)}`);
        }
      }
    }
    console.log(
      [
        `samples: ${texts.length}; flagged by secretlint ${secretlintSamples}, by Warden ${wardenSamples}, by both ${bothSamples}`,
        `secretlint findings ${secretlintFindings}: overlapped by a Warden finding ${secretlintFindings - missed.length - deliberate.length}, fully inside one ${coveredFully}, deliberately not redacted ${deliberate.length}`,
        `Warden-only samples: ${wardenSamples - bothSamples}; secretlint-only samples: ${secretlintSamples - bothSamples}`,
        ...flaggedNegatives.map((line) => `secretlint flags a negative sample: ${line}`),
        ...deliberate.map((line) => `deliberately not redacted: ${line}`),
        ...missed.map((line) => `MISSED ${line}`),
      ].join("\n"),
    );
    expect(missed).toEqual([]);
    expect(deliberate).toHaveLength(DELIBERATE.size);
  });
});
