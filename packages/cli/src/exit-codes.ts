/** The CLI's exit codes (architecture §3): every command maps its outcome onto these. */
export const ExitCode = {
  ok: 0,
  problemsFound: 1,
  usage: 2,
  environment: 3,
  internal: 70,
} as const;

/** One of the CLI's exit codes. */
export type ExitCodeValue = (typeof ExitCode)[keyof typeof ExitCode];
