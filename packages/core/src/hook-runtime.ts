// What the hook bundle (packages/agent/src/hook) may import from core, and nothing else: the
// hook starts on every tool call, so this graph stays free of TOML parsers, serde, re2js and
// commander (dependencies.md §3). The build fails when a forbidden module reaches the bundle.
export * from "./audit-chain/canonical-json.ts";
export * from "./audit-chain/spool-record.ts";
export * from "./audit-chain/verify-spool-chain.ts";
export type * from "./hook-policy/compiled-hook-policy.ts";
export { evaluateToolCall } from "./hook-policy/evaluate-tool-call.ts";
export * from "./hook-policy/hook-policy-event.ts";
export { loadCompiledPolicy, type PolicyLoadError, type PolicyLoadResult } from "./hook-policy/load-compiled-policy.ts";
export type { MatchedRule, ToolCall, ToolCallRepo, Verdict } from "./hook-policy/tool-call.ts";
export * from "./hook-protocol/hook-event-input.ts";
export * from "./hook-protocol/parse-hook-event.ts";
export * from "./hook-protocol/render-hook-response.ts";
export { redactJson, redactSecrets } from "./redact/redact-secrets.ts";
