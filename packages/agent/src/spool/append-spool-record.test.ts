import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SpoolRecordDraft } from "@warden/core/hook-runtime";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appendSpoolRecord } from "./append-spool-record.ts";
import { SpoolError } from "./spool-error.ts";
import { acquireSpoolLock } from "./spool-lock.ts";
import { listSpoolFiles, loadSpoolState } from "./spool-state.ts";
import { verifySpool } from "./verify-spool.ts";

const draft: SpoolRecordDraft = {
  time: new Date().toISOString(),
  event: "PreToolUse",
  tool: "Bash",
  input: { command: "ls" },
  decision: "allow",
  ruleId: null,
  reason: "",
  failure: null,
  sessionId: "s",
  turnId: "t",
  toolUseId: "c",
  cwd: "/repo",
  repo: null,
  tier: null,
  user: "u",
  host: "h",
  policyRevision: null,
  latencyMs: 1,
};

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), "warden-spool-"));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const later = () => Date.now() + 1000;
const lines = () => listSpoolFiles(dir).flatMap((f) => readFileSync(join(dir, f), "utf8").split("\n").filter(Boolean));

describe("appendSpoolRecord", () => {
  it("chains records with consecutive sequence numbers and keeps the head in state.json", () => {
    const a = appendSpoolRecord(dir, draft, later());
    const b = appendSpoolRecord(dir, draft, later());
    expect([a.seq, a.prevHash, b.seq, b.prevHash]).toEqual([1, null, 2, a.hash]);
    expect(a.deviceId).toBe(b.deviceId);
    expect(loadSpoolState(dir)).toMatchObject({ seq: 2, hash: b.hash, deviceId: a.deviceId });
    expect(verifySpool(dir).ok).toBe(true);
    expect(readdirSync(dir).sort()).toEqual([listSpoolFiles(dir)[0], "state.json"]);
  });

  it("creates the directory", () => {
    const nested = join(dir, "a", "b");
    expect(appendSpoolRecord(nested, draft, later()).seq).toBe(1);
  });

  it("repairs a state left behind by a crash after the append", () => {
    appendSpoolRecord(dir, draft, later());
    const saved = readFileSync(join(dir, "state.json"), "utf8");
    const second = appendSpoolRecord(dir, draft, later());
    writeFileSync(join(dir, "state.json"), saved); // as if the process died before saving the head
    const third = appendSpoolRecord(dir, draft, later());
    expect([third.seq, third.prevHash]).toEqual([3, second.hash]);
    expect(verifySpool(dir).ok).toBe(true);
  });

  it("rebuilds a lost or corrupt state from the newest file", () => {
    const first = appendSpoolRecord(dir, draft, later());
    writeFileSync(join(dir, "state.json"), "{garbage");
    const second = appendSpoolRecord(dir, draft, later());
    rmSync(join(dir, "state.json"));
    const third = appendSpoolRecord(dir, draft, later());
    expect([second.prevHash, third.prevHash, third.deviceId]).toEqual([first.hash, second.hash, first.deviceId]);
  });

  it("starts a fresh line after a torn write, and verification reports the torn line", () => {
    appendSpoolRecord(dir, draft, later());
    const [file] = listSpoolFiles(dir);
    writeFileSync(join(dir, file!), '{"seq":2,"tor', { flag: "a" });
    appendSpoolRecord(dir, draft, later());
    expect(lines()).toHaveLength(3);
    const result = verifySpool(dir);
    expect(result.malformed).toEqual([{ file, line: 2, message: "not JSON" }]);
    expect(result.gaps).toEqual([]);
  });

  it("keeps the chain's memory when lines are cut from the end", () => {
    appendSpoolRecord(dir, draft, later());
    appendSpoolRecord(dir, draft, later());
    const [file] = listSpoolFiles(dir);
    writeFileSync(join(dir, file!), `${lines()[0]}\n`);
    expect(verifySpool(dir).truncatedTail).toMatchObject({ expected: { seq: 2 }, found: { seq: 1 } });
    const third = appendSpoolRecord(dir, draft, later());
    expect(third.seq).toBe(3);
    expect(verifySpool(dir).gaps).toMatchObject([{ expectedSeq: 2, foundSeq: 3 }]);
  });

  it("times out on a lock held by a live process", () => {
    const release = acquireSpoolLock(dir, later());
    try {
      expect(() => appendSpoolRecord(dir, draft, Date.now() + 50)).toThrow(
        expect.objectContaining({ code: "spool_locked" }) as unknown as Error,
      );
    } finally {
      release();
    }
    expect(appendSpoolRecord(dir, draft, later()).seq).toBe(1);
  });

  it("breaks a lock left by a dead process", () => {
    writeFileSync(join(dir, ".lock"), "2147483646\n"); // no such pid
    expect(appendSpoolRecord(dir, draft, Date.now() + 200).seq).toBe(1);
  });

  it("says what is wrong with an unusable directory", () => {
    const file = join(dir, "not-a-dir");
    writeFileSync(file, "");
    const error = (() => {
      try {
        appendSpoolRecord(file, draft, later());
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(SpoolError);
    expect((error as SpoolError).message).toContain(file);
  });
});
