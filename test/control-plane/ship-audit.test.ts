import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureBuilt, runWarden, tempTree } from "../cli/built-cli.ts";
import { createServeDatabase, SERVE_BACKENDS, startServe } from "./serve-backends.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const TOKEN = "wk_e2e_owner_token_0123456789abcdef";
const tree = tempTree({
  "policy.toml":
    'version = 1\ndefault = "allow"\nfail_closed = true\n\n[[rules]]\nid = "no-rm"\ndecision = "deny"\nreason = "no"\ncommand = ["rm", "-r"]\n',
});
beforeAll(() => {
  ensureBuilt();
  // A dist/ built before `warden ship` signed as the device: rebuild it.
  if (!readFileSync(join(ROOT, "dist/warden.cjs"), "utf8").includes("device-or-api-key")) {
    const build = spawnSync(process.execPath, [join(ROOT, "scripts/build.mjs")], { cwd: ROOT, encoding: "utf8" });
    if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  }
});
afterAll(tree.cleanup);

describe.each(SERVE_BACKENDS)(
  "warden hook → ship → audit query (built binary, real server on $backend)",
  ({ backend, skip }) => {
    const dir = join(tree.dir, backend);
    const spool = join(dir, "spool");
    const state = join(dir, "state");
    const etc = join(dir, "etc");

    function hook(command: string): void {
      const input = JSON.stringify({
        session_id: "s",
        turn_id: "t",
        transcript_path: null,
        cwd: tree.dir,
        hook_event_name: "PreToolUse",
        model: "m",
        permission_mode: "default",
        tool_name: "Bash",
        tool_input: { command },
        tool_use_id: `call-${command}`,
      });
      const policy = join(etc, "warden/hook-policy.json");
      const run = spawnSync(join(ROOT, "bin/warden"), ["hook", "--policy", policy, "--spool-dir", spool], { input });
      expect(run.status, String(run.stderr)).toBe(0);
    }

    const spoolLines = () =>
      readFileSync(join(spool, readFileSync(join(spool, "state.json"), "utf8").match(/"file":"([^"]+)"/)![1]!), "utf8")
        .split("\n")
        .filter(Boolean);

    it.skipIf(skip !== null)(
      "delivers every spool record exactly once as the enrolled device, across a server outage",
      async () => {
        const install = runWarden(
          ["hook", "install", "--etc-dir", etc, "--policy", "policy.toml", "--spool-dir", spool],
          tree.dir,
        );
        expect(install.status, install.stderr).toBe(0);
        for (const command of ["ls", "rm -r build", "git status"]) hook(command);

        const database = await createServeDatabase(backend, join(dir, "data"));
        try {
          const first = startServe(database, { bootstrapToken: TOKEN });
          const { url, printed } = await first.ready;
          expect(printed).toContain(`storage: ${backend}`);
          const issued = await fetch(`${url}/v1/enrollment-tokens`, {
            method: "POST",
            headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
            body: "{}",
          });
          const { token } = (await issued.json()) as { token: string };
          const enroll = runWarden(["enroll", "--server", url, "--token", token, "--state-dir", state, "--json"], ROOT);
          expect(enroll.status, enroll.stderr).toBe(0);
          const { deviceId } = JSON.parse(enroll.stdout) as { deviceId: string };

          // Only the state dir: the device key signs, no API key on the endpoint, the server from enrollment.
          const env = { ...process.env, WARDEN_TOKEN: "", WARDEN_SERVER_URL: "" };
          const ship = (extra: string[] = []) =>
            runWarden(["ship", "--state-dir", state, "--spool-dir", spool, ...extra], ROOT, env);
          const shipped = ship(["--json"]);
          expect(shipped.status, shipped.stderr).toBe(0);
          expect(JSON.parse(shipped.stdout)).toMatchObject({
            accepted: 3,
            duplicates: 0,
            cursor: { seq: 3 },
            auth: { kind: "device", deviceId },
          });

          const events = await fetch(`${url}/v1/audit/events?decision=deny`, {
            headers: { authorization: `Bearer ${TOKEN}` },
          });
          const page = (await events.json()) as { data: { seq: number; ruleId: string; record: { input: unknown } }[] };
          expect(page.data).toMatchObject([{ seq: 2, ruleId: "no-rm", record: { input: { command: "rm -r build" } } }]);

          // The server stops: new records stay in the spool and ship exits 3.
          expect(await first.stop()).toBe(0);
          hook("echo 4");
          hook("echo 5");
          const down = ship(["--retries", "1"]);
          expect(down.status, down.stderr).toBe(3);
          expect(down.stderr).toContain("2 remain in the spool");
          expect(spoolLines()).toHaveLength(5);

          // Back up (same port, same database): the rest is delivered once.
          const second = startServe(database, { port: Number(new URL(url).port), bootstrapToken: TOKEN });
          try {
            await second.ready;
            const again = ship(["--json"]);
            expect(again.status, again.stderr).toBe(0);
            expect(JSON.parse(again.stdout)).toMatchObject({ accepted: 2, duplicates: 0, cursor: { seq: 5 } });
            expect(JSON.parse(ship(["--json"]).stdout)).toMatchObject({ accepted: 0, batches: 0 });

            // `warden agent` needs nothing but the enrolled state dir (and where its files go).
            hook("echo 6");
            const agent = runWarden(
              ["agent", "--once", "--state-dir", state, "--spool-dir", spool, "--etc-dir", join(dir, "etc-agent")],
              ROOT,
              env,
            );
            expect(agent.status, agent.stderr).toBe(0);
            expect(agent.stdout).toContain("Shipped 1 new event(s)");

            const query = runWarden(["audit", "query", "--server", url, "--token", TOKEN, "--json"], ROOT);
            expect(query.status, query.stderr).toBe(0);
            const all = JSON.parse(query.stdout) as {
              data: { seq: number; deviceId: string | null; chainId: string; record: { deviceId: string } }[];
              nextCursor: string | null;
            };
            expect(all.data.map((e) => e.seq).sort()).toEqual([1, 2, 3, 4, 5, 6]);
            // The enrolled device, not the spool's chain id (which the record keeps, as `chainId` does).
            const chainId = all.data[0]!.record.deviceId;
            expect(chainId).not.toBe(deviceId);
            expect(all.data.every((e) => e.deviceId === deviceId && e.chainId === chainId)).toBe(true);
            const byDevice = runWarden(
              ["audit", "query", "--server", url, "--token", TOKEN, "--device", deviceId, "--json"],
              ROOT,
            );
            expect((JSON.parse(byDevice.stdout) as { data: unknown[] }).data).toHaveLength(6);
            const text = runWarden(["audit", "query", "--server", url, "--token", TOKEN, "--rule", "no-rm"], ROOT);
            expect(text.stdout).toContain("deny");
            expect(text.stdout).toContain(`@${deviceId}  ${chainId}#2`);
            expect(text.stdout).toContain("1 event(s)");

            // Another enrolled device cannot ship this spool's events (its chain is bound to the first).
            const other = await fetch(`${url}/v1/enrollment-tokens`, {
              method: "POST",
              headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
              body: "{}",
            });
            const otherState = join(dir, "other-state");
            const otherToken = ((await other.json()) as { token: string }).token;
            expect(
              runWarden(["enroll", "--server", url, "--token", otherToken, "--state-dir", otherState], ROOT).status,
            ).toBe(0);
            const stolen = runWarden(
              ["ship", "--state-dir", otherState, "--spool-dir", spool, "--retries", "0"],
              ROOT,
              env,
            );
            expect(stolen.status, stolen.stderr).toBe(3);
            expect(stolen.stderr).toContain("403");
            expect(stolen.stderr).toContain("belongs to another enrolled device");
          } finally {
            expect(await second.stop()).toBe(0);
          }
        } finally {
          await database.drop();
        }
      },
      120_000,
    );
  },
);
