/** Stable, short reasons for parts of a script that cannot be analysed statically (see README.md). */
export const UnanalysableReason = {
  eval: "eval",
  dynamicProgram: "dynamic program name",
  dynamicScript: "dynamic shell script",
  downloaded: "downloaded code executed",
  decoded: "decoded payload piped to a shell",
  piped: "code piped to a shell",
  generated: "generated script executed",
  inlineCode: "inline interpreter code",
  source: "source of a script",
  unbalancedQuotes: "unbalanced quotes",
  unbalancedParentheses: "unbalanced parentheses",
  syntax: "syntax error",
  tooDeep: "nesting too deep",
} as const;

/** One of the reason strings above. */
export type UnanalysableReasonText = (typeof UnanalysableReason)[keyof typeof UnanalysableReason];
