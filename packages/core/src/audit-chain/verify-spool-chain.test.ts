import { describe, expect, it } from "vitest";
import { canonicalJson } from "./canonical-json.ts";
import { hashSpoolRecord, type SpoolRecordDraft, type SpoolRecordV1, sealSpoolRecord } from "./spool-record.ts";
import { verifySpoolChain } from "./verify-spool-chain.ts";

const draft: SpoolRecordDraft = {
  time: "2026-11-21T10:00:00.000Z",
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
  policyRevision: "sha256:1",
  latencyMs: 1.5,
};

function chain(n: number): SpoolRecordV1[] {
  const records: SpoolRecordV1[] = [];
  for (let seq = 1; seq <= n; seq++) {
    const prevHash = records.at(-1)?.hash ?? null;
    records.push(sealSpoolRecord({ ...draft, toolUseId: `c${seq}` }, { deviceId: "d", seq, prevHash }));
  }
  return records;
}

const text = (records: SpoolRecordV1[]) => records.map((r) => `${JSON.stringify(r)}\n`).join("");

describe("canonicalJson", () => {
  it("sorts keys at every level and drops undefined", () => {
    expect(canonicalJson({ b: 1, a: { d: [{ z: 1, y: 2 }], c: undefined } })).toBe('{"a":{"d":[{"y":2,"z":1}]},"b":1}');
  });
});

describe("verifySpoolChain", () => {
  it("accepts an intact chain across files and matches the head", () => {
    const records = chain(5);
    const files = [
      { name: "events-2026-11-20.jsonl", text: text(records.slice(0, 2)) },
      { name: "events-2026-11-21.jsonl", text: text(records.slice(2)) },
    ];
    const result = verifySpoolChain(files, { seq: 5, hash: records[4]!.hash });
    expect(result).toMatchObject({ ok: true, records: 5, firstSeq: 1, lastSeq: 5 });
  });

  it("hashes everything but the hash", () => {
    const [record] = chain(1);
    expect(hashSpoolRecord(record!)).toBe(record!.hash);
    expect(hashSpoolRecord({ ...record!, reason: "x" })).not.toBe(record!.hash);
  });

  it("finds a deleted line as a gap and a broken link", () => {
    const records = chain(4);
    const result = verifySpoolChain([{ name: "f", text: text([records[0]!, records[1]!, records[3]!]) }]);
    expect(result.ok).toBe(false);
    expect(result.gaps).toEqual([{ file: "f", line: 3, expectedSeq: 3, foundSeq: 4 }]);
    expect(result.breaks).toMatchObject([{ file: "f", line: 3, seq: 4 }]);
  });

  it("finds an edited line, and the link after it when the hash was recomputed", () => {
    const records = chain(3);
    const edited = { ...records[1]!, decision: "deny" as const };
    expect(verifySpoolChain([{ name: "f", text: text([records[0]!, edited, records[2]!]) }]).edits).toEqual([
      { file: "f", line: 2, seq: 2 },
    ]);
    const resealed = { ...edited, hash: hashSpoolRecord(edited) };
    const result = verifySpoolChain([{ name: "f", text: text([records[0]!, resealed, records[2]!]) }]);
    expect(result.edits).toEqual([]);
    expect(result.breaks).toMatchObject([{ line: 3, seq: 3 }]);
  });

  it("finds lines cut from the end through the head", () => {
    const records = chain(3);
    const result = verifySpoolChain([{ name: "f", text: text(records.slice(0, 2)) }], {
      seq: 3,
      hash: records[2]!.hash,
    });
    expect(result.truncatedTail).toEqual({
      expected: { seq: 3, hash: records[2]!.hash },
      found: { seq: 2, hash: records[1]!.hash },
    });
  });

  it("reports malformed and torn lines", () => {
    const records = chain(2);
    const result = verifySpoolChain([{ name: "f", text: `${text(records)}not json\n{"seq":3,"ha` }]);
    expect(result.malformed).toEqual([
      { file: "f", line: 3, message: "not JSON" },
      { file: "f", line: 4, message: "torn write (no newline at the end)" },
    ]);
  });

  it("accepts a chain whose older files were pruned", () => {
    const records = chain(4);
    expect(verifySpoolChain([{ name: "f", text: text(records.slice(2)) }]).ok).toBe(true);
  });
});
