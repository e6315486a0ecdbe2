export type * from "./explain-result-v1.ts";
