import type { Store } from "@warden/store";
import type { TestDatabases, TestDialect } from "./store-targets.ts";

/** What each section of the conformance suite gets: the dialect's shared store and its database factory. */
export interface ConformanceContext {
  readonly dialect: TestDialect;
  readonly databases: TestDatabases;
  /** The store shared by the section's tests (opened in `beforeAll`); tests use unique names. */
  readonly store: () => Store;
}

/** A name no other test in the run uses. */
export function unique(prefix: string): string {
  return `${prefix}-${Math.random().toString(36).slice(2, 10)}`;
}
