/** A corpus text that holds secrets: every string in `secrets` must be fully redacted. */
export interface PositiveSample {
  /** The rule expected to name the finding (informational; recall does not depend on it). */
  readonly rule: string;
  readonly text: string;
  readonly secrets: readonly string[];
}

/** A corpus text that looks like it could hold a secret but does not: nothing may be redacted. */
export interface NegativeSample {
  /** Why it is tricky, for readable failures. */
  readonly note: string;
  readonly text: string;
}
