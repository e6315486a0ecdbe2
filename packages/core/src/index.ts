// The public surface of @warden/core: the Codex model and Warden's evaluation, with no I/O.
export * from "./diagnostics/diagnostic.ts";
export * from "./errors/warden-error.ts";
export * from "./explain/explain-codex.ts";
export * from "./explain/explain-inputs.ts";
export * from "./explain/explain-report.ts";
export * from "./mdm/read-mdm-plist.ts";
export type { FileReadResult, FileSystemPort } from "./ports/file-system-port.ts";
export * from "./toml/parse-toml.ts";
export * from "./toml/toml-value.ts";
export * from "./validate/policy-kind.ts";
export { type PolicyFileInput, type PolicyFileResult, validatePolicyFile } from "./validate/validate-policy-file.ts";
export * from "./validate/validate-policy-files.ts";
export * from "./validate/validate-rules.ts";
export * from "./util/rust-utf8-error.ts";
