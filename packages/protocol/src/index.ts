export * from "./audit-v1.ts";
export * from "./bundle-v1.ts";
export type * from "./explain-result-v1.ts";
export * from "./hook-policy-v1.ts";
