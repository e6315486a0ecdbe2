import type { SecretFinding } from "../find-secrets.ts";
import { redactSecrets } from "../redact-secrets.ts";
import type { NegativeSample, PositiveSample } from "./corpus-sample.ts";

/** A positive sample that was not fully redacted, or a negative one that was touched. */
export interface CorpusError {
  readonly label: string;
  readonly text: string;
  readonly detail: string;
}

/** Recall and false-positive rate of `redactSecrets` over a labelled corpus, with every error. */
export interface CorpusScore {
  readonly positives: number;
  readonly detected: number;
  readonly recall: number;
  readonly negatives: number;
  readonly falsePositives: number;
  readonly falsePositiveRate: number;
  readonly misses: CorpusError[];
  readonly falseAlarms: CorpusError[];
  /** How many detected positives were named by the expected rule. */
  readonly ruleAgreement: number;
}

/** True when every occurrence of every secret lies inside one finding. */
export function coversSecrets(text: string, findings: readonly SecretFinding[], secrets: readonly string[]): boolean {
  return secrets.every((secret) => {
    for (let at = text.indexOf(secret); at >= 0; at = text.indexOf(secret, at + 1)) {
      if (!findings.some((f) => f.start <= at && f.end >= at + secret.length)) return false;
    }
    return true;
  });
}

/** Scores `redactSecrets` on the corpus. */
export function scoreCorpus(positives: readonly PositiveSample[], negatives: readonly NegativeSample[]): CorpusScore {
  const misses: CorpusError[] = [];
  const falseAlarms: CorpusError[] = [];
  let ruleAgreement = 0;
  for (const sample of positives) {
    const { text, findings } = redactSecrets(sample.text);
    if (!coversSecrets(sample.text, findings, sample.secrets)) {
      misses.push({ label: sample.rule, text: sample.text, detail: `redacted as: ${text}` });
    } else if (findings.some((f) => f.ruleId === sample.rule)) {
      ruleAgreement++;
    }
  }
  for (const sample of negatives) {
    const { findings } = redactSecrets(sample.text);
    if (findings.length > 0) {
      const found = findings.map((f) => `${f.ruleId}: ${JSON.stringify(sample.text.slice(f.start, f.end))}`);
      falseAlarms.push({ label: sample.note, text: sample.text, detail: found.join("; ") });
    }
  }
  const detected = positives.length - misses.length;
  return {
    positives: positives.length,
    detected,
    recall: detected / positives.length,
    negatives: negatives.length,
    falsePositives: falseAlarms.length,
    falsePositiveRate: falseAlarms.length / negatives.length,
    misses,
    falseAlarms,
    ruleAgreement,
  };
}
