// Types for normalize.mjs (path placeholders and warning clean-up shared with the conformance test).
import type { Scratch } from "./scratch.mjs";

export function pathNormalizer(scratch: Pick<Scratch, "home" | "project" | "work">): <T>(value: T) => T;
export function dropVolatile<T>(value: T): T;
export function cleanWarnings(list: string[]): string[];
