import { readFileSync } from "node:fs";
import { join } from "node:path";
import { type SpoolVerification, verifySpoolChain } from "@warden/core/hook-runtime";
import { listSpoolFiles, loadSpoolState } from "./spool-state.ts";

/**
 * Verifies a spool directory: every record's hash, the sequence and the `prevHash` links across
 * the day files, and that the chain ends where `state.json` says (lines cut from the end).
 */
export function verifySpool(dir: string): SpoolVerification {
  const names = listSpoolFiles(dir);
  const files = names.map((name) => ({ name, text: readFileSync(join(dir, name), "utf8") }));
  let head: { seq: number; hash: string | null } | null = null;
  try {
    readFileSync(join(dir, "state.json"));
    const state = loadSpoolState(dir);
    if (state.file !== null && names.includes(state.file)) head = { seq: state.seq, hash: state.hash };
  } catch {
    head = null; // no state: the files alone are checked
  }
  return verifySpoolChain(files, head);
}
