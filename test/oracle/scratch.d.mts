// Types for scratch.mjs, so the TypeScript conformance test can share the oracle's scenario layout.
export interface CaseConfig {
  description?: string;
  profile?: string;
  overrides?: string[];
  enable?: string[];
  disable?: string[];
  trustProject?: boolean;
  cwd?: string;
  hostname?: string;
  gitInit?: boolean;
}

export interface Scratch {
  work: string;
  home: string;
  project: string;
  etc: string;
  cwd: string;
  caseCfg: CaseConfig;
  flags: string[];
  profileFlags: string[];
  hostname: string | null;
  remove(): void;
}

export function readCase(scenarioDir: string): CaseConfig;
export function createScratch(scenarioDir: string, caseCfg?: CaseConfig): Scratch;
