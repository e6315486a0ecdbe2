import { mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SpoolRecordDraft } from "@warden/core/hook-runtime";
import type { AuditEventV1, AuditIngestResponseV1 } from "@warden/protocol";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { appendSpoolRecord } from "../spool/append-spool-record.ts";
import { listSpoolFiles } from "../spool/spool-state.ts";
import { type AuditSender, TransportError } from "./audit-transport.ts";
import { loadShipCursor } from "./ship-cursor.ts";
import { ShipError, shipSpool } from "./ship-spool.ts";

const draft = (n: number): SpoolRecordDraft => ({
  time: new Date().toISOString(),
  event: "PreToolUse",
  tool: "Bash",
  input: { command: `echo ${n}` },
  decision: "allow",
  ruleId: null,
  reason: "",
  failure: null,
  sessionId: "s",
  turnId: "t",
  toolUseId: `c${n}`,
  cwd: "/repo",
  repo: null,
  tier: null,
  user: "u",
  host: "h",
  policyRevision: null,
  latencyMs: 1,
});

let root: string;
let spoolDir: string;
let stateDir: string;
beforeEach(() => {
  root = mkdtempSync(join(tmpdir(), "warden-ship-"));
  spoolDir = join(root, "spool");
  stateDir = join(root, "state");
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

const append = (n: number) => {
  for (let i = 0; i < n; i++) appendSpoolRecord(spoolDir, draft(i), Date.now() + 1000);
};

/** Moves today's file to an older day, as if the hook wrote it yesterday. */
function ageTodaysFile(name: string): void {
  const [today] = listSpoolFiles(spoolDir);
  renameSync(join(spoolDir, today!), join(spoolDir, name));
  const state = JSON.parse(readFileSync(join(spoolDir, "state.json"), "utf8"));
  writeFileSync(join(spoolDir, "state.json"), JSON.stringify({ ...state, file: name }));
}

/** An in-memory server: stores each (device, seq) once, like the real one. */
function fakeServer() {
  const stored = new Map<string, AuditEventV1>();
  const batches: number[][] = [];
  const send: AuditSender = async (events) => {
    batches.push(events.map((e) => e.seq));
    let accepted = 0;
    for (const e of events) {
      const key = `${e.deviceId}:${e.seq}`;
      if (!stored.has(key)) accepted++;
      stored.set(key, e);
    }
    return { accepted, duplicates: events.length - accepted, rejected: [], findings: [] };
  };
  return { stored, batches, send };
}

const noSleep = async () => {};

describe("shipSpool", () => {
  it("ships every record in order and in batches, saves the cursor, and deletes only acknowledged older files", async () => {
    append(3);
    ageTodaysFile("events-2000-01-01.jsonl");
    append(2);
    const server = fakeServer();
    const result = await shipSpool({ spoolDir, stateDir, send: server.send, maxBatchEvents: 2 });
    expect(server.batches).toEqual([[1, 2], [3, 4], [5]]);
    expect(result).toMatchObject({ accepted: 5, duplicates: 0, batches: 3, deletedFiles: ["events-2000-01-01.jsonl"] });
    expect(loadShipCursor(stateDir)).toMatchObject({ seq: 5 });
    expect(readdirSync(spoolDir).filter((f) => f.endsWith(".jsonl"))).toHaveLength(1);

    const again = await shipSpool({ spoolDir, stateDir, send: server.send });
    expect(again).toMatchObject({ accepted: 0, batches: 0, deletedFiles: [] });
    append(1);
    expect(await shipSpool({ spoolDir, stateDir, send: server.send })).toMatchObject({ accepted: 1 });
    expect(server.stored.size).toBe(6);
  });

  it("keeps every record when the server is down, then delivers the rest exactly once", async () => {
    append(3);
    ageTodaysFile("events-2000-01-01.jsonl");
    append(3);
    const server = fakeServer();
    let up = true;
    let calls = 0;
    const flaky: AuditSender = async (events) => {
      calls++;
      if (!up) throw new TransportError("connection refused", true);
      const ack = await server.send(events);
      up = false; // the server goes down after the first batch
      return ack;
    };
    const error = await shipSpool({ spoolDir, stateDir, send: flaky, maxBatchEvents: 2, retries: 2, sleep: noSleep })
      .then(() => null)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ShipError);
    expect(error).toMatchObject({ code: "server_unavailable", pending: 4, partial: { accepted: 2 } });
    expect(calls).toBe(4); // one good batch, then three attempts
    expect(listSpoolFiles(spoolDir)).toHaveLength(2);
    expect(loadShipCursor(stateDir)).toMatchObject({ seq: 2 });

    up = true;
    const server2 = { send: async (events: readonly AuditEventV1[]) => server.send(events) };
    const result = await shipSpool({ spoolDir, stateDir, send: server2.send });
    expect(result).toMatchObject({ accepted: 4, duplicates: 0, deletedFiles: ["events-2000-01-01.jsonl"] });
    expect([...server.stored.keys()].map((k) => Number(k.split(":")[1]))).toEqual([1, 2, 3, 4, 5, 6]);
  });

  it("splits a batch the server finds too large, and counts forged records as acknowledged", async () => {
    append(4);
    const sizes: number[] = [];
    const send: AuditSender = async (events): Promise<AuditIngestResponseV1> => {
      sizes.push(events.length);
      if (events.length > 1) throw new TransportError("413", false, 413);
      const forged = events[0]!.seq === 2;
      return {
        accepted: forged ? 0 : 1,
        duplicates: 0,
        rejected: forged ? [{ seq: 2, reason: "hash_mismatch" }] : [],
        findings: [],
      };
    };
    const result = await shipSpool({ spoolDir, stateDir, send });
    expect(result).toMatchObject({ accepted: 3, rejected: [{ seq: 2 }] });
    expect(sizes).toEqual([4, 2, 1, 1, 2, 1, 1]);
    expect(loadShipCursor(stateDir)).toMatchObject({ seq: 4 });
  });

  it("stops without retrying when the server refuses the key, keeping the spool and the cursor", async () => {
    append(2);
    let calls = 0;
    const send: AuditSender = async () => {
      calls++;
      throw new TransportError("401 unauthenticated", false, 401);
    };
    await expect(shipSpool({ spoolDir, stateDir, send, sleep: noSleep })).rejects.toMatchObject({
      code: "server_refused",
      pending: 2,
    });
    expect(calls).toBe(1);
    expect(loadShipCursor(stateDir)).toBeNull();
  });

  it("skips torn lines and ships nothing from a missing spool", async () => {
    expect(await shipSpool({ spoolDir, stateDir, send: fakeServer().send })).toMatchObject({ accepted: 0 });
    append(1);
    const [file] = listSpoolFiles(spoolDir);
    writeFileSync(join(spoolDir, file!), '{"seq":2,"tor', { flag: "a" });
    const result = await shipSpool({ spoolDir, stateDir, send: fakeServer().send });
    expect(result).toMatchObject({ accepted: 1, malformedLines: 1 });
  });
});
