import { describe, expect, it } from "vitest";
import captured from "./rust-regex-check.cases.json" with { type: "json" };
import { checkRustRegex } from "./rust-regex-check.ts";

// Cases captured from codex 0.169.0; see the `about` text in rust-regex-check.cases.json.
const CAPTURED = captured.cases as unknown as ReadonlyArray<readonly [pattern: string, error: string | null]>;

describe("checkRustRegex matches the regex crate's verdict and error text", () => {
  it.each(CAPTURED)("%j", (pattern, error) => {
    expect(checkRustRegex(pattern)).toBe(error);
  });
});
