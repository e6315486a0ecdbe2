import { describe, expect, it } from "vitest";
import { NEGATIVE_SAMPLES } from "./corpus/negative-samples.ts";
import { buildPositiveSamples } from "./corpus/positive-samples.ts";
import { scoreCorpus } from "./corpus/score-corpus.ts";
import { redactSecrets } from "./redact-secrets.ts";

const positives = buildPositiveSamples();

describe("redaction corpus", () => {
  it("has at least 150 positive and 150 negative samples", () => {
    expect(positives.length).toBeGreaterThanOrEqual(150);
    expect(NEGATIVE_SAMPLES.length).toBeGreaterThanOrEqual(150);
  });

  it("reaches recall >= 0.98 and false-positive rate <= 0.02", () => {
    const score = scoreCorpus(positives, NEGATIVE_SAMPLES);
    const lines = [
      `recall ${score.detected}/${score.positives} = ${score.recall.toFixed(4)}`,
      `false positives ${score.falsePositives}/${score.negatives} = ${score.falsePositiveRate.toFixed(4)}`,
      `expected rule named the finding in ${score.ruleAgreement}/${score.detected} detected samples`,
      ...score.misses.map((miss) => `MISS [${miss.label}] ${JSON.stringify(miss.text)}\n     ${miss.detail}`),
      ...score.falseAlarms.map((fp) => `FALSE POSITIVE [${fp.label}] ${JSON.stringify(fp.text)}\n     ${fp.detail}`),
    ];
    console.log(lines.join("\n"));
    expect(score.falsePositiveRate, lines.join("\n")).toBeLessThanOrEqual(0.02);
    expect(score.recall, lines.join("\n")).toBeGreaterThanOrEqual(0.98);
  });

  it("is idempotent on every sample", () => {
    for (const text of [...positives.map((p) => p.text), ...NEGATIVE_SAMPLES.map((n) => n.text)]) {
      const once = redactSecrets(text).text;
      const twice = redactSecrets(once);
      expect(twice.findings, once).toEqual([]);
      expect(twice.text).toBe(once);
    }
  });
});
